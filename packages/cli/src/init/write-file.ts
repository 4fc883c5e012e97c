import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs'

/** Writes through a temporary file and a rename, so a crash leaves the old file or the new one, never half of one. */
export function writeFileAtomic(file: string, text: string, mode: number): void {
  const tmp = `${file}.hush-${process.pid}.tmp`
  try {
    writeFileSync(tmp, text, { mode })
    // The umask narrows a new file's mode; the original's is kept exactly.
    chmodSync(tmp, mode)
    renameSync(tmp, file)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
}
