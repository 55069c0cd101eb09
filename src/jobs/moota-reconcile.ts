import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MOOTA_CLAIM_UNMATCHED, MOOTA_MUTATIONS_RECEIVED, MOOTA_RECONCILE_FAILED, MOOTA_TOKEN_REJECTED } from "../lib/events"
import { MootaApiError, toInboxInput } from "../lib/moota"
import { AUDIT } from "../lib/statuses"
import { MOOTA_MODULE } from "../modules/moota"
import type MootaModuleService from "../modules/moota/service"

const DAY_MS = 86_400_000

/**
 * The safety net for webhooks that never came: polls Moota's GET /mutation for credits on each
 * configured account since the last one seen, into the same inbox (duplicates are no-ops there).
 */
export async function reconcileMootaMutations(container: MedusaContainer, now = new Date()) {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const client = moota.getClient()
  if (!client) {
    return { fetched: 0, new: 0, skipped: "no apiToken" as const }
  }
  const options = moota.getOptions()
  const lastSeen = await moota.lastMutationDates()
  const oldest = now.getTime() - options.reconcileLookbackDays * DAY_MS
  let fetched = 0
  const newIds: string[] = []
  const failures: { bank_id: string; bank: string; status: number | null; message: string }[] = []
  for (const account of options.accounts) {
    const last = lastSeen.get(account.bankId)?.getTime() ?? oldest
    // A day back from the newest mutation seen: Moota filters by WIB day and banks post late.
    const since = new Date(Math.max(oldest, last - DAY_MS))
    try {
      const batch = await client.listMutationsSince(since, { bank: account.bankId, type: "CR", until: now })
      fetched += batch.mutations.length
      const ours = batch.mutations.filter((m) => m.bank_id === account.bankId)
      newIds.push(...(await moota.ingestMutations(ours.map(toInboxInput), "reconcile")))
    } catch (e) {
      logger.warn(`moota reconcile: account ${account.bank} failed: ${e instanceof Error ? e.message : e}`)
      failures.push({
        bank_id: account.bankId,
        bank: account.bank,
        status: e instanceof MootaApiError ? e.status : null,
        message: (e instanceof Error ? e.message : String(e)).slice(0, 300),
      })
    }
  }
  await emitFailures(container, failures)
  // The run itself, for the settings page: when reconciliation last ran and what it found.
  await moota
    .audit({
      actor_id: "system",
      action: AUDIT.reconcile_run,
      subject_id: "reconcile",
      note: null,
      data: { fetched, new: newIds.length, failures: failures.map((f) => ({ bank: f.bank, status: f.status })) },
    })
    .catch((e) => logger.warn(`moota reconcile: could not record the run: ${e instanceof Error ? e.message : e}`))
  if (newIds.length) {
    logger.info(`moota reconcile: ${newIds.length} mutation(s) the webhook had not delivered`)
    await container.resolve(Modules.EVENT_BUS).emit({ name: MOOTA_MUTATIONS_RECEIVED, data: { ids: newIds } })
  }
  // Buyers' claims made before this run that no credit received so far fits: one alert each.
  const unfitted = await moota.takeUnfittedClaims(now)
  if (unfitted.length) {
    await container.resolve(Modules.EVENT_BUS).emit(unfitted.map((c) => ({ name: MOOTA_CLAIM_UNMATCHED, data: { claim_id: c.id } })))
  }
  return { fetched, new: newIds.length, ids: newIds }
}

/** For the merchant's alerts (subscribers); a rejected token is one alert, not one per account. */
async function emitFailures(container: MedusaContainer, failures: { status: number | null }[]) {
  if (!failures.length) {
    return
  }
  const events = container.resolve(Modules.EVENT_BUS)
  const rejected = failures.find((f) => f.status === 401 || f.status === 403)
  const others = failures.filter((f) => f !== rejected && f.status !== 401 && f.status !== 403)
  try {
    if (rejected) {
      await events.emit({ name: MOOTA_TOKEN_REJECTED, data: { status: rejected.status } })
    }
    if (others.length) {
      await events.emit({ name: MOOTA_RECONCILE_FAILED, data: { failures: others } })
    }
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`moota reconcile: could not emit failure events: ${e instanceof Error ? e.message : e}`)
  }
}

export default async function mootaReconcileJob(container: MedusaContainer) {
  await reconcileMootaMutations(container)
}

export const config = {
  name: "moota-reconcile",
  schedule: "*/10 * * * *",
}
