// This app was written for dotenv. The only change: the line below used to read
//   import 'dotenv/config'
import '@hush/dotenv/config'
import { connect } from './db.js'

const db = connect({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
})
console.log(`${process.env.APP_NAME}: connected to ${db.host} as ${db.user} (password ${db.passwordLength} characters)`)
console.log(`${process.env.APP_NAME}: payment token ready (${process.env.PAYMENT_TOKEN.length} characters)`)

// A careless debug line of the kind that leaks secrets into log files.
console.log(`debug: password=${process.env.DB_PASSWORD} token=${process.env.PAYMENT_TOKEN}`)
console.log('debug: config', { password: process.env.DB_PASSWORD })
process.stdout.write(`debug: raw write ${process.env.PAYMENT_TOKEN}\n`)
