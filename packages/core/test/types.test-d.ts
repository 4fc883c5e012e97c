import { describe, expectTypeOf, it } from 'vitest'
import { createHush, defineConfig, type Hush, type HushConfig, type LoadedConfig, loadConfig, type SecretDescription } from '../src/index.js'

// Type tests: run by `vitest --typecheck` (tsc), never executed. Each @ts-expect-error line
// must fail to compile; if the typing broke and accepted it, the unused directive fails the run.

const config = defineConfig({
  environments: { production: { allow: ['aws-sm'] } },
  secrets: {
    DB_PASSWORD: { from: { production: 'aws-sm://prod/db#password' } },
    API_KEY: { from: 'env://API_KEY', description: 'the payment provider key' },
  },
})
type Names = 'DB_PASSWORD' | 'API_KEY'

describe('createHush with a config whose type declares its secrets', () => {
  const hush = createHush({ config })

  it('is a Hush of those names', () => {
    expectTypeOf(hush).toEqualTypeOf<Hush<Names>>()
    expectTypeOf(hush.get('DB_PASSWORD')).toEqualTypeOf<Promise<string>>()
    expectTypeOf(hush.names()).toEqualTypeOf<Names[]>()
  })

  it('refuses a misspelt name wherever a name is taken', () => {
    // @ts-expect-error DB_PASSWROD is not declared
    void hush.get('DB_PASSWROD')
    // @ts-expect-error not declared
    hush.peek('DB_PASSWROD')
    // @ts-expect-error not declared
    void hush.load(['DB_PASSWORD', 'DB_PASSWROD'])
    // @ts-expect-error not declared
    void hush.refresh('DB_PASSWROD')
    // @ts-expect-error not declared
    void hush.rotate('DB_PASSWROD')
    // @ts-expect-error not declared
    void hush.describe('DB_PASSWROD')
    // @ts-expect-error not declared
    hush.spec('DB_PASSWROD')
    // @ts-expect-error not declared
    hush.referenceOf('DB_PASSWROD')
    // @ts-expect-error a name is required, not any string
    void hush.get('DB_PASSWORD' as string)
  })

  it('types load() by the names asked for', async () => {
    expectTypeOf(await hush.load()).toEqualTypeOf<Record<Names, string>>()
    expectTypeOf(await hush.load(['API_KEY'])).toEqualTypeOf<Record<'API_KEY', string>>()
    const { API_KEY } = await hush.load(['API_KEY'])
    expectTypeOf(API_KEY).toEqualTypeOf<string>()
    // @ts-expect-error DB_PASSWORD was not asked for
    void (await hush.load(['API_KEY'])).DB_PASSWORD
  })

  it('types the other methods as before', async () => {
    expectTypeOf(hush.peek('API_KEY')).toEqualTypeOf<string | undefined>()
    expectTypeOf(await hush.describe('API_KEY')).toEqualTypeOf<SecretDescription>()
    expectTypeOf(hush.referenceOf('API_KEY')).toEqualTypeOf<string | undefined>()
  })

  it('stays a Hush, so adapters that take a Hush take it', () => {
    const takesHush = (h: Hush) => h.environment
    takesHush(hush)
    const plain: Hush = hush
    expectTypeOf(plain).toEqualTypeOf<Hush<string>>()
  })

  it('types names written out in place, without defineConfig, too', () => {
    expectTypeOf(createHush({ config: { secrets: { TOKEN: { from: 'env://TOKEN' } } } })).toEqualTypeOf<Hush<'TOKEN'>>()
  })
})

describe('createHush given what loadConfig returns', () => {
  it('is typed by the config inside, when its type is known', () => {
    const loaded = { config, file: '/app/hush.config.ts', source: '' } satisfies LoadedConfig
    const hush = createHush({ config: loaded })
    expectTypeOf(hush).toEqualTypeOf<Hush<Names>>()
    // @ts-expect-error not declared
    void hush.get('DB_PASSWROD')
  })

  it('is untyped for loadConfig() itself, whose config is only known at run time', async () => {
    const hush = createHush({ config: await loadConfig() })
    expectTypeOf(hush).toEqualTypeOf<Hush>()
    void hush.get('ANY_NAME')
  })
})

describe('createHush without a config type that names secrets', () => {
  it('takes any name', () => {
    const plainConfig: HushConfig = { secrets: { A: { from: 'env://A' } } }
    expectTypeOf(createHush()).toEqualTypeOf<Hush>()
    expectTypeOf(createHush({ config: plainConfig })).toEqualTypeOf<Hush>()
    expectTypeOf(createHush({ sources: { A: 'env://A' } })).toEqualTypeOf<Hush>()
    expectTypeOf(createHush({ config: { environments: { ci: { allow: ['env'] } } } })).toEqualTypeOf<Hush>()
    expectTypeOf(createHush({ config: { secrets: {} as Record<string, { from: string }> } })).toEqualTypeOf<Hush>()
    void createHush({ config: plainConfig }).get('ANY_NAME')
  })

  it('takes any name when sources add names the config type cannot know', () => {
    const hush = createHush({ config, sources: { FROM_DOTENV: 'env://FROM_DOTENV' } })
    expectTypeOf(hush).toEqualTypeOf<Hush>()
    expectTypeOf(hush.load(['FROM_DOTENV'])).toEqualTypeOf<Promise<Record<string, string>>>()
  })
})

describe('SecretConfig', () => {
  it('takes a description, as the schema and validator do', () => {
    const typed: HushConfig = { secrets: { A: { description: 'what it is' } } }
    expectTypeOf(typed).toExtend<HushConfig>()
  })
})
