import type { ExecArgs } from "@medusajs/framework/types"
import { recoverMootaInbox } from "../../src/jobs/moota-recover-inbox"

/**
 * `medusa exec ./scripts/fault/recover.ts`: the recovery job's work, now, for every unfinished inbox
 * row (not only those older than a minute). A capture recorded by a process that died is still left
 * alone until its lease ends (INBOX_LEASE_MS in src/lib/durations.ts), exactly as the job would. Prints one RECOVER_RESULT line.
 */
export default async function recover({ container }: ExecArgs): Promise<void> {
  const summary = await recoverMootaInbox(container, 0)
  process.stdout.write(`RECOVER_RESULT ${JSON.stringify(summary)}\n`)
}
