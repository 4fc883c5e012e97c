/**
 * How each entry's main export is used once loaded, as a snippet run in the child process
 * with `mod` bound to it: `require(entry)`, or for import() the default export when it is the
 * only one, else the namespace. A snippet throws when the export is not what users are told.
 * An entry missing here is still loaded both ways and compared (see entries.test.ts).
 */
export const uses: Record<string, string> = {
  // Nest comes from where @hush/nestjs finds it, as in an app that installed both.
  '@hush/nestjs': `
    const { createRequire: nestRequireOf } = await import('node:module')
    const { pathToFileURL } = await import('node:url')
    const nest = nestRequireOf(nestRequireOf(import.meta.url).resolve('@hush/nestjs'))
    const load = (id) => import(pathToFileURL(nest.resolve(id)).href)
    await load('reflect-metadata')
    const { Module } = await load('@nestjs/common')
    const { NestFactory } = await load('@nestjs/core')
    class AppModule {}
    Module({ imports: [mod.HushModule.forRoot({ sources: { A: 'env://ENTRY_A' }, env: { ENTRY_A: 'entry-check-0123456789' }, ignoreEnvFile: true })] })(AppModule)
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false })
    if (app.get(mod.HushService).peek('A') !== 'entry-check-0123456789') throw new Error('HushService did not serve the secret')
    await app.close()`,
  '@hush/core': `
    const hush = mod.createHush({ env: {}, sources: {} })
    if (typeof hush.get !== 'function') throw new Error('createHush did not return an instance')
    await hush.close()`,
  '@hush/core/find-config': `
    if (mod.findConfigFile(process.cwd()) !== undefined) throw new Error('found a config in an empty directory')`,
  '@hush/core/config': `
    if (mod.loadConfigSync({ cwd: process.cwd() }) !== undefined) throw new Error('read a config in an empty directory')
    if (mod.validateConfig({ secrets: { A: { from: 'env://A' } } }).secrets.A.from !== 'env://A') throw new Error('validateConfig gave a wrong answer')`,
  '@hush/core/detect': `
    if (mod.isSecretName('DB_PASSWORD') !== true || mod.detectSecret('hello world') !== undefined) throw new Error('detect gave wrong answers')`,
  '@hush/core/schema.json': `
    if (typeof mod !== 'object' || !mod.properties?.secrets) throw new Error('not the hush.config schema')`,
  '@hush/dotenv': `
    if (mod.parse('A=1\\nB="two"').B !== 'two') throw new Error('parse gave a wrong answer')`,
  // Loading runs it: on an empty directory it must set nothing and throw nothing.
  '@hush/dotenv/config': `
    if (process.env.A !== undefined) throw new Error('set a variable from nowhere')`,
  '@hush/dotenv/config.js': `
    if (process.env.A !== undefined) throw new Error('set a variable from nowhere')`,
  '@hush/aws': `
    const provider = mod.awsSecretsManager({ region: 'us-east-1' })
    if (provider.scheme !== 'aws-sm') throw new Error('not the aws-sm provider')
    await provider.close?.()`,
  '@hush/cli': `
    if (typeof mod.main !== 'function' || typeof mod.scan !== 'function') throw new Error('not the cli API')`,
  '@hush/local-store': `
    const store = await mod.startLocalStore({ port: 0 })
    if (!/^http:/.test(store.url)) throw new Error('no url')
    await store.close()`,
  '@hush/eslint-plugin': `
    if (typeof mod.configs?.recommended !== 'object' || typeof mod.rules !== 'object') throw new Error('no configs.recommended')`,
  '@hush/vitest': `
    const plugin = (typeof mod === 'function' ? mod : mod.default)({ environment: 'test' })
    if (plugin.name !== 'hush:vitest') throw new Error('not the hush plugin: ' + plugin.name)
    if (typeof plugin.config !== 'function') throw new Error('the plugin has no config hook')`,
  '@hush/bundler': `
    if (typeof mod.unplugin?.vite !== 'function' || typeof mod.unpluginFactory !== 'function') throw new Error('not the bundler API')
    for (const internal of ['BundlerContext', 'resolveOptions']) if (internal in mod) throw new Error(internal + ' is exported, but it is internal')`,
  ...Object.fromEntries(
    ['vite', 'rollup', 'esbuild'].map((b) => [
      `@hush/bundler/${b}`,
      `
    const plugin = mod()
    const names = [plugin].flat().map((p) => p.name)
    if (!names.every((n) => typeof n === 'string' && n.length)) throw new Error('hush() did not return named plugins')`,
    ]),
  ),
  ...Object.fromEntries(
    ['webpack', 'rspack'].map((b) => [
      `@hush/bundler/${b}`,
      `
    const plugin = mod()
    if (typeof plugin.apply !== 'function') throw new Error('hush() did not return a webpack plugin')`,
    ]),
  ),
}
