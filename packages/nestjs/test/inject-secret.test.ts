import 'reflect-metadata'
import { inspect } from 'node:util'
import { Injectable, Module } from '@nestjs/common'
import { Test } from '@nestjs/testing'
import { expectNoValue } from '@hush/test-kit'
import { describe, expect, it } from 'vitest'
import { HushModule, HushService, InjectSecret, type RotationEvent, type SecretHandle } from '../src/index.js'
import { eventually, project, secretValue } from './project.js'

@Injectable()
class ByParameter {
  constructor(@InjectSecret('API_KEY') readonly apiKey: SecretHandle) {}
}

@Injectable()
class ByProperty {
  @InjectSecret('API_KEY')
  readonly apiKey!: SecretHandle
}

// A feature module that imports nothing: the handles come from the global HushModule.
@Module({ providers: [ByParameter, ByProperty], exports: [ByParameter, ByProperty] })
class FeatureModule {}

async function start(dir: string, ttl: `${number}ms` | `${number}m` = '5m') {
  const moduleRef = await Test.createTestingModule({ imports: [HushModule.forRoot({ isGlobal: true, cwd: dir, ttl }), FeatureModule] }).compile()
  await moduleRef.init()
  return moduleRef
}

describe('@InjectSecret', () => {
  it('injects a handle on a constructor parameter and on a property, with forRoot() alone', async () => {
    const key = secretValue('key')
    const p = project({ secrets: { key }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const moduleRef = await start(p.dir)
    const byParameter = moduleRef.get(ByParameter).apiKey
    const byProperty = moduleRef.get(ByProperty).apiKey
    expect(byParameter.name).toBe('API_KEY')
    expect(byParameter.value).toBe(key)
    expect(byProperty.value).toBe(key)
    await expect(byProperty.get()).resolves.toBe(key)
    await moduleRef.close()
  })

  it('gives the new value and calls onRotate with the name and version, never the value, after a rotation', async () => {
    const before = secretValue('old')
    const after = secretValue('new')
    const p = project({ secrets: { key: before }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const moduleRef = await start(p.dir, '300ms')
    const handle = moduleRef.get(ByParameter).apiKey
    const seen: RotationEvent[] = []
    const viaService: RotationEvent[] = []
    handle.onRotate((event) => void seen.push(event))
    const off = moduleRef.get(HushService).onRotate('API_KEY', (event) => void viaService.push(event))
    p.write('key', after)
    await eventually(() => handle.value === after)
    await eventually(() => seen.length === 1)
    expect(seen[0]!.name).toBe('API_KEY')
    expect(seen[0]!.version).toEqual(expect.any(String))
    expect(seen[0]!.version).not.toBe(seen[0]!.previousVersion)
    expect(viaService).toEqual(seen)
    expectNoValue(JSON.stringify(seen), [before, after], { in: 'the rotation events' })
    off()
    await moduleRef.close()
  })

  it('keeps calling other rotation handlers when one throws', async () => {
    const p = project({ secrets: { key: secretValue('old') }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const moduleRef = await start(p.dir)
    const handle = moduleRef.get(ByParameter).apiKey
    let called = 0
    handle.onRotate(() => {
      throw new Error('broken handler')
    })
    handle.onRotate(() => void called++)
    p.write('key', secretValue('new'))
    await moduleRef.get(HushService).hush.refresh('API_KEY')
    expect(called).toBe(1)
    await moduleRef.close()
  })

  it('shows the name only when a handle is printed, serialised or put in a string', async () => {
    const key = secretValue('key')
    const p = project({ secrets: { key }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const moduleRef = await start(p.dir)
    const holder = moduleRef.get(ByParameter)
    const printed = [
      inspect(holder, { depth: 10, showHidden: true }),
      JSON.stringify(holder),
      `${String(holder.apiKey)}`,
      inspect(moduleRef.get(HushService), { depth: 10 }),
    ].join('\n')
    expectNoValue(printed, key, { in: 'the printed handle' })
    expect(printed).toContain('API_KEY')
    await moduleRef.close()
  })

  it('fails at bootstrap, naming the secrets hush knows, when the name is not one of them', async () => {
    @Injectable()
    class Misspelt {
      constructor(@InjectSecret('API_KYE') readonly key: SecretHandle) {}
    }
    const p = project({ secrets: { key: secretValue() }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const compiled = Test.createTestingModule({ imports: [HushModule.forRoot({ isGlobal: true, cwd: p.dir })], providers: [Misspelt] }).compile()
    await expect(compiled).rejects.toThrow(/API_KYE.*Known: API_KEY/)
  })

  it('refuses an empty name when the class is defined', () => {
    expect(() => InjectSecret('')).toThrow(/needs a secret name/)
  })
})

describe('@InjectSecret in a process with several apps', () => {
  it('starts an app that does not use a name another app injects', async () => {
    @Injectable()
    class OtherAppService {
      constructor(@InjectSecret('ONLY_IN_ANOTHER_APP') readonly key: SecretHandle) {}
    }
    void OtherAppService
    const key = secretValue('key')
    const p = project({ secrets: { key }, env: (p) => `API_KEY=file://${p.file('key')}\n` })
    const moduleRef = await start(p.dir)
    expect(moduleRef.get(ByParameter).apiKey.value).toBe(key)
    await moduleRef.close()
  })
})
