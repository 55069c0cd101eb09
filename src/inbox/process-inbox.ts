import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AckPriorityGate } from "../lib/ack-priority"
import { errorMessage } from "../lib/error-message"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { confirmMootaMutationWorkflow } from "../workflows/confirm-moota-mutation"

export type ProcessSummary = { captured: number; review: number; other: number; failed: number }

/**
 * Processing in this process goes one batch at a time. Concurrent deliveries would otherwise run
 * their workflows side by side and take the database pool the webhook needs to store and acknowledge
 * the next delivery. Only scheduling lives here: the inbox is the durable queue, and the recovery job
 * picks up whatever a crash leaves behind.
 */
let queue: Promise<unknown> = Promise.resolve()

/**
 * Webhook acknowledgements go before confirmations in this process: each row waits for a lull in
 * verified deliveries (10 ms without one), at most 2 s. A server in MEDUSA_WORKER_MODE=server
 * confirms nothing itself; a worker receives no deliveries and never waits.
 */
const ackPriority = new AckPriorityGate({ quietMs: 10, maxWaitMs: 2_000 })

/** The webhook route marks each verified delivery it is storing; call the result once answered. */
export function deliveryStarted(): () => void {
  return ackPriority.deliveryStarted()
}

/**
 * Runs the confirmation workflow for inbox rows, one after another (it emits their events). A failure is recorded on its row
 * and left for the recovery job; it never stops the others.
 */
export function processInboxRows(container: MedusaContainer, ids: string[]): Promise<ProcessSummary> {
  const run = queue.then(() => processNow(container, ids))
  queue = run.catch(() => undefined)
  return run
}

async function processNow(container: MedusaContainer, ids: string[]): Promise<ProcessSummary> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const summary: ProcessSummary = { captured: 0, review: 0, other: 0, failed: 0 }
  for (const id of ids) {
    await ackPriority.waitForLull()
    try {
      const { result } = await confirmMootaMutationWorkflow(container).run({ input: { inbox_id: id } })
      if (result.captured) {
        summary.captured++
      } else if (result.outcome.startsWith("review_")) {
        summary.review++
      } else {
        summary.other++
      }
    } catch (e) {
      summary.failed++
      const message = errorMessage(e)
      logger.error(`moota: processing inbox row ${id} failed, will retry: ${message}`)
      await moota.recordInboxError(id, message).catch(() => undefined)
    }
  }
  return summary
}
