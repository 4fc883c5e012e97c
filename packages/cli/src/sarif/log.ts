/**
 * A SARIF 2.1.0 log with one run of the `hush` tool, as GitHub code scanning takes it: the
 * envelope `hush scan` and `hush doctor` share; each gives its own rules and results.
 */
export function sarifLog(version: string, informationUri: string, rules: readonly object[], results: readonly object[]): string {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'hush', version, informationUri, rules } }, results }],
  }
  return JSON.stringify(log, null, 2) + '\n'
}
