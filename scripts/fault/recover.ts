import type { ExecArgs } from "@medusajs/framework/types"
import { recoverMootaInbox } from "../../src/jobs/moota-recover-inbox"

/**
 * `medusa exec ./scripts/fault/recover.ts`: the recovery job's work, now, in a process of its own: every
 * unfinished inbox row whose lease holder is gone (or nobody's). Rows a live server holds are left to
 * it, exactly as the job would. Prints one RECOVER_RESULT line.
 */
export default async function recover({ container }: ExecArgs): Promise<void> {
  const summary = await recoverMootaInbox(container)
  process.stdout.write(`RECOVER_RESULT ${JSON.stringify(summary)}\n`)
}
