import type { MedusaContainer } from "@medusajs/framework/types"
import { MOOTA_MODULE } from "../modules/moota"
import { INBOX_LEASE_MS } from "../lib/durations"
import type MootaModuleService from "../modules/moota/service"
import { processInboxRows } from "../inbox/process-inbox"

/** Inbox rows stored but never finished (a crash after the commit, a failed capture) are run again. */
export async function recoverMootaInbox(container: MedusaContainer, olderThanMs = INBOX_LEASE_MS) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const ids = await moota.listUnfinishedInbox(new Date(Date.now() - olderThanMs))
  return await processInboxRows(container, ids)
}

export default async function mootaRecoverInboxJob(container: MedusaContainer) {
  await recoverMootaInbox(container)
}

export const config = {
  name: "moota-recover-inbox",
  schedule: "* * * * *",
}
