import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { errorMessage } from "../lib/error-message"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"
import { drainBeforeShutdown, shuttingDown } from "../lib/shutdown"
import { waitForAckLull } from "./ack-gate"
import { decideMootaNoise } from "./decisions/decide-moota-noise"
import { confirmMootaMutationWorkflow } from "../workflows/confirm-moota-mutation"

export type ProcessSummary = { captured: number; review: number; other: number; failed: number }

/**
 * The confirmation scheduler. The inbox table is the queue; this process only decides what to take
 * from it next, in this order:
 * 1. rows just delivered that may pay an order now (an active hold has their amount, or they name a
 *    Moota transaction) and captures left unfinished: claimed at once, confirmed first;
 * 2. the rows the bulk pass below left for a confirmation (possible payments, reviews);
 * 3. the oldest pending rows anybody left: claimed a batch at a time and decided set-wise where
 *    nothing can be paid (decisions/decide-moota-noise.ts), so a flood of noise costs a few statements per batch
 *    and a buyer's payment delivered behind it waits for at most one batch.
 * Rows are leased (modules/moota/stores/lease.ts), so several worker processes share the inbox
 * without taking a row twice, each sweeping what the others left; the decision itself is still taken
 * under a row lock, so nothing is confirmed twice. The rows of a process that dies are free at once
 * and the recovery job (every few seconds, and so also just after a start) takes them over.
 */

/** Rows claimed and decided per bulk pass. */
const SWEEP_BATCH = 500
/**
 * How long a shutdown waits for the confirmations running now (each takes well under a second, but
 * a capture may wait for a cart's lock). Past it, Medusa goes on stopping and the rows are recovered as
 * after a crash.
 */
const SHUTDOWN_DRAIN_MS = 10_000
/**
 * How many confirmations run side by side: the `confirmationConcurrency` option, else a third of the
 * database pool (knex's `pool.max`, 10 unless `databaseDriverOptions.pool.max` says otherwise): 3 by
 * default, as before. Each holds one or two connections at a time, and the webhook's acks need the
 * rest; on a busy 2-core machine more side by side added no throughput and slowed the acks
 * (BENCHMARKS.md, "Burst (item 3)").
 */
export function confirmationConcurrency(container: MedusaContainer, configured: number | undefined): number {
  if (configured) {
    return configured
  }
  const knex = container.resolve<{ client?: { pool?: { max?: number }; config?: { pool?: { max?: number } } } }>(
    ContainerRegistrationKeys.PG_CONNECTION
  )
  const poolMax = knex.client?.pool?.max ?? knex.client?.config?.pool?.max ?? 10
  return Math.max(1, Math.floor(poolMax / 3))
}

type Ticket = { summary: ProcessSummary; resolve: (summary: ProcessSummary) => void }

class InboxScheduler {
  /** Ids just stored (or found unfinished), not yet looked at. */
  private fresh: string[] = []
  /** Claimed rows that may pay an order now. */
  private first: string[] = []
  /** Claimed rows the bulk pass left for a confirmation. */
  private later: string[] = []
  /** Every row leased and not yet done here: a row leased again meanwhile is not queued twice. */
  private inHand = new Set<string>()
  /** Confirmations running now. */
  private inFlight = new Set<Promise<void>>()
  private tickets: Ticket[] = []
  private running = false
  /** The loop now running; resolves when it ends. */
  private looping: Promise<void> = Promise.resolve()

  /** Resolves, with what this process did meanwhile, once nothing is left for it to take. */
  schedule(container: MedusaContainer, ids: string[]): Promise<ProcessSummary> {
    if (shuttingDown()) {
      // Left pending for the process that takes over (or this one's next start).
      return Promise.resolve({ captured: 0, review: 0, other: 0, failed: 0 })
    }
    this.fresh.push(...ids)
    const done = new Promise<ProcessSummary>((resolve) =>
      this.tickets.push({ summary: { captured: 0, review: 0, other: 0, failed: 0 }, resolve })
    )
    if (!this.running) {
      this.running = true
      this.looping = this.loop(container)
    }
    return done
  }

  /**
   * Medusa is shutting down: the loop takes no new row, lets the confirmations running end and lets
   * go of the rows it leased and did not start, so another process takes them over at once (the next
   * start of this one does too). Resolves once the loop ended, or after `timeoutMs`.
   */
  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.looping, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))])
    clearTimeout(timer)
  }

  private count(kind: keyof ProcessSummary, n = 1): void {
    for (const t of this.tickets) {
      t.summary[kind] += n
    }
  }

  private async loop(container: MedusaContainer): Promise<void> {
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
    const concurrency = confirmationConcurrency(container, moota.getOptions().confirmationConcurrency)
    try {
      for (;;) {
        if (shuttingDown()) {
          await Promise.allSettled(this.inFlight)
          this.first = []
          this.later = []
          if (this.inHand.size) {
            await moota.releaseInboxLeases()
          }
          break
        }
        if (this.fresh.length) {
          // Rows already in hand are not leased again: the recovery job, every 3 s, lists this
          // process's own rows once their wait ran out, and a long burst still holds them.
          const ids = this.fresh.splice(0).filter((id) => !this.inHand.has(id))
          const leased = ids.length ? await moota.leaseInboxCandidates(ids) : []
          this.first.push(...this.take(leased.map((r) => r.id)))
          continue
        }
        const queue = this.first.length ? this.first : this.later
        if (queue.length) {
          if (this.inFlight.size >= concurrency) {
            // A window, not batches: the next one starts as soon as any one ends.
            await Promise.race(this.inFlight)
            continue
          }
          await waitForAckLull()
          if (shuttingDown()) {
            continue
          }
          const running = this.confirm(container, logger, moota, queue.shift()!).finally(() => this.inFlight.delete(running))
          this.inFlight.add(running)
          continue
        }
        if (this.inFlight.size) {
          await Promise.race(this.inFlight)
          continue
        }
        await waitForAckLull()
        if (shuttingDown()) {
          continue
        }
        const rows = await moota.leasePendingInbox(SWEEP_BATCH)
        if (!rows.length) {
          if (this.fresh.length) {
            // Delivered while the sweep looked: those rows may have been committed after it.
            continue
          }
          break
        }
        const result = await decideMootaNoise(moota, rows)
        this.count("other", result.closed)
        this.later.push(...this.take(result.rest))
      }
    } catch (e) {
      // The database went away mid-pass: let go of every row this process leased (nothing is in flight
      // here once those running end), so the recovery job hands them on, to this process too, once it is back.
      logger.error(`moota: the confirmation scheduler stopped, the recovery job will resume: ${errorMessage(e)}`)
      await Promise.allSettled(this.inFlight)
      this.first = []
      this.later = []
      await moota.releaseInboxLeases()
    } finally {
      this.inHand.clear()
      this.running = false
      for (const t of this.tickets.splice(0)) {
        t.resolve(t.summary)
      }
    }
  }

  /** The ids not already in hand, now in hand. */
  private take(ids: string[]): string[] {
    const fresh = ids.filter((id) => !this.inHand.has(id))
    fresh.forEach((id) => this.inHand.add(id))
    return fresh
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
    } finally {
      this.inHand.delete(id)
    }
  }
}

const scheduler = new InboxScheduler()
drainBeforeShutdown(() => scheduler.drain(SHUTDOWN_DRAIN_MS))

/**
 * Confirms these inbox rows (and whatever else is pending) in this process, candidates first; resolves
 * once nothing is left, with what was done meanwhile (at once, with nothing done, while Medusa shuts
 * down: the rows stay pending for the next process). A failure is recorded on its row and left for
 * the recovery job; it never stops the others.
 */
export function processInboxRows(container: MedusaContainer, ids: string[]): Promise<ProcessSummary> {
  return scheduler.schedule(container, ids)
}
