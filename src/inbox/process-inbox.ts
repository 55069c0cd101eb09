import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AckPriorityGate } from "../lib/ack-priority"
import { INBOX_LEASE_MS } from "../lib/durations"
import { errorMessage } from "../lib/error-message"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { confirmMootaMutationWorkflow } from "../workflows/confirm-moota-mutation"
import { decideMootaNoiseWorkflow } from "../workflows/decide-moota-noise"

export type ProcessSummary = { captured: number; review: number; other: number; failed: number }

/**
 * The confirmation scheduler. The inbox table is the queue; this process only decides what to take
 * from it next, in this order:
 * 1. rows just delivered that may pay an order now (an active hold has their amount, or they name a
 *    Moota transaction) and captures left unfinished: claimed at once, confirmed first;
 * 2. the rows the bulk pass below left for a confirmation (possible payments, reviews);
 * 3. the oldest pending rows anybody left: claimed a batch at a time and decided set-wise where
 *    nothing can be paid (decide-moota-noise), so a flood of noise costs a few statements per batch
 *    and a buyer's payment delivered behind it waits for at most one batch.
 * Rows are claimed with a lease (stores/inbox.ts), so several worker processes share the inbox
 * without taking a row twice, each sweeping what the others left; the decision itself is still taken
 * under a row lock, so nothing is confirmed twice if a lease runs out. A crash just lets the leases
 * run out; the recovery job wakes a scheduler again.
 */

/** Rows claimed and decided per bulk pass. */
const SWEEP_BATCH = 500
/**
 * Confirmations run side by side, a few at a time: each spends most of its time waiting on the
 * database, so a few in flight use both the database and Node; more would take the connection pool
 * the webhook needs to acknowledge deliveries.
 */
const CONCURRENCY = 3

/**
 * Webhook acknowledgements go before confirmations in this process: each step waits for a lull in
 * verified deliveries (10 ms without one), at most 2 s. A server in MEDUSA_WORKER_MODE=server
 * confirms nothing itself; a worker receives no deliveries and never waits.
 */
const ackPriority = new AckPriorityGate({ quietMs: 10, maxWaitMs: 2_000 })

/** The webhook route marks each verified delivery it is storing; call the result once answered. */
export function deliveryStarted(): () => void {
  return ackPriority.deliveryStarted()
}

type Ticket = { summary: ProcessSummary; resolve: (summary: ProcessSummary) => void }

class InboxScheduler {
  /** Ids just stored (or found unfinished), not yet looked at. */
  private fresh: string[] = []
  /** Claimed rows that may pay an order now. */
  private first: string[] = []
  /** Claimed rows the bulk pass left for a confirmation. */
  private later: string[] = []
  private tickets: Ticket[] = []
  private running = false

  /** Resolves, with what this process did meanwhile, once nothing is left for it to take. */
  schedule(container: MedusaContainer, ids: string[]): Promise<ProcessSummary> {
    this.fresh.push(...ids)
    const done = new Promise<ProcessSummary>((resolve) =>
      this.tickets.push({ summary: { captured: 0, review: 0, other: 0, failed: 0 }, resolve })
    )
    if (!this.running) {
      this.running = true
      void this.loop(container)
    }
    return done
  }

  private count(kind: keyof ProcessSummary, n = 1): void {
    for (const t of this.tickets) {
      t.summary[kind] += n
    }
  }

  private async loop(container: MedusaContainer): Promise<void> {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    try {
      for (;;) {
        if (this.fresh.length) {
          const claimed = await moota.claimInboxCandidates(this.fresh.splice(0), INBOX_LEASE_MS)
          this.first.push(...claimed.map((r) => r.id))
          continue
        }
        const batch = (this.first.length ? this.first : this.later).splice(0, CONCURRENCY)
        if (batch.length) {
          await ackPriority.waitForLull()
          await Promise.all(batch.map((id) => this.confirm(container, logger, moota, id)))
          continue
        }
        await ackPriority.waitForLull()
        const rows = await moota.claimPendingInbox(SWEEP_BATCH, INBOX_LEASE_MS)
        if (!rows.length) {
          if (this.fresh.length) {
            // Delivered while the sweep looked: those rows may have been committed after it.
            continue
          }
          break
        }
        const { result } = await decideMootaNoiseWorkflow(container).run({ input: { rows } })
        this.count("other", result.closed)
        this.later.push(...result.rest)
      }
    } catch (e) {
      // The database went away mid-pass: the claimed rows keep their lease and the recovery job
      // takes them again once it ends.
      logger.error(`moota: the confirmation scheduler stopped, the recovery job will resume: ${errorMessage(e)}`)
      this.first = []
      this.later = []
    } finally {
      this.running = false
      for (const t of this.tickets.splice(0)) {
        t.resolve(t.summary)
      }
    }
  }

  /** One row through the confirmation workflow; a failure is recorded on the row and left for recovery. */
  private async confirm(container: MedusaContainer, logger: Logger, moota: MootaModuleService, id: string): Promise<void> {
    try {
      const { result } = await confirmMootaMutationWorkflow(container).run({ input: { inbox_id: id } })
      this.count(result.captured ? "captured" : result.outcome.startsWith("review_") ? "review" : "other")
    } catch (e) {
      this.count("failed")
      const message = errorMessage(e)
      logger.error(`moota: processing inbox row ${id} failed, will retry: ${message}`)
      await moota.recordInboxError(id, message).catch(() => undefined)
    }
  }
}

const scheduler = new InboxScheduler()

/**
 * Confirms these inbox rows (and whatever else is pending) in this process, candidates first; resolves
 * once nothing is left, with what was done meanwhile. A failure is recorded on its row and left for
 * the recovery job; it never stops the others.
 */
export function processInboxRows(container: MedusaContainer, ids: string[]): Promise<ProcessSummary> {
  return scheduler.schedule(container, ids)
}
