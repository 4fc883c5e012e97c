// The CommonJS side: run with `node -r @hush/dotenv/config src/report.cjs`.
const password = process.env.DB_PASSWORD || ''
const resolved = password !== '' && !password.includes('://')
console.log(`report: password resolved=${resolved} length=${password.length}`)
console.log(`report: leaked? ${password}`)
