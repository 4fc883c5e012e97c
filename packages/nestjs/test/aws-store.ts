import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { awsSecretsManager } from '@hush/aws'
import { type AccessRule, type LocalStore, type SeedSecret, startLocalStore } from '@hush/local-store'

/** Operator credentials: what `aws secretsmanager ...` would run with. */
const OPS = { accessKeyId: 'ops', secretAccessKey: 'ops-local-only' }

export interface AwsStore {
  store: LocalStore
  /** The operator's real AWS SDK client, pointed at the local store. */
  ops: SecretsManagerClient
  /** The `aws-sm://` provider the app reads with, signing as `as` (the operator by default). */
  provider(as?: { accessKeyId: string; secretAccessKey: string }): ReturnType<typeof awsSecretsManager>
  /** The store's reads drop every connection, as in an outage; writes by the operator still land. */
  readsDown(down: boolean): void
  /** How many requests the faults have dropped so far. */
  dropped(): number
  close(): Promise<void>
}

/** @hush/local-store over HTTP, read through the real AWS SDK. `access` rules add the app's own credentials beside the operator's. */
export async function awsStore(secrets: SeedSecret[], access?: AccessRule[]): Promise<AwsStore> {
  const store = await startLocalStore({
    seed: { region: 'us-east-1', accountId: '123456789012', secrets },
    ...(access ? { access: [OPS, ...access] } : {}),
  })
  const ops = new SecretsManagerClient({ region: 'us-east-1', endpoint: store.url, credentials: OPS })
  return {
    store,
    ops,
    provider: (as = OPS) => awsSecretsManager({ endpoint: store.url, region: 'us-east-1', credentials: as, requestTimeoutMs: 1000, maxAttempts: 1 }),
    readsDown(down) {
      const out = { outage: true }
      store.setFaults(down ? { operations: { GetSecretValue: out, BatchGetSecretValue: out, DescribeSecret: out } } : {})
    },
    dropped: () => Object.values(store.stats().faulted).reduce((a, b) => a + b, 0),
    async close() {
      ops.destroy()
      await store.close()
    },
  }
}
