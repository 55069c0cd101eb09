import type { MedusaContainer } from "@medusajs/framework/types"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { processInboxRows } from "../inbox/scheduler"
import { shuttingDown } from "../lib/shutdown"

/**
 * Inbox rows stored but never finished are run again: those of a process that died (free the moment
 * it did, see modules/moota/stores/lease.ts), those nobody leased (a crash between the commit and the
 * event), and this process's own failures once their wait ran out.
 */
export async function recoverMootaInbox(container: MedusaContainer) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  return await processInboxRows(container, await moota.listLeasableInbox())
}

/**
 * Hands the rows to this process's scheduler and returns without waiting for their confirmations:
 * with Redis, a process runs one scheduled job at a time, so a tick that waited for a long backlog
 * would hold back the next ticks, and with them the takeover of rows a dead worker just left (the
 * fault suite's worker phase saw 123 s). The scheduler records its own failures on the rows.
 */
export default async function mootaRecoverInboxJob(container: MedusaContainer) {
  if (shuttingDown()) {
    return
  }
  const ids = await container.resolve<MootaModuleService>(MOOTA_MODULE).listLeasableInbox()
  if (ids.length) {
    void processInboxRows(container, ids)
  }
}

/**
 * Every 3 s: a crashed process's confirmations settle within seconds on a survivor, and a process that
 * starts sweeps what its predecessor left 3 s after it boots. A look costs one indexed query.
 */
export const config = {
  name: "moota-recover-inbox",
  schedule: { interval: 3_000 },
}
