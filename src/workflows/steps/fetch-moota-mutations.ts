import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DAY_MS } from "../../lib/durations"
import { errorMessage } from "../../lib/error-message"
import { MootaApiError, toInboxInput } from "../../lib/moota"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"

export const fetchMootaMutationsStepId = "fetch-moota-mutations-step"

export type ReconcileFailure = { bank_id: string; bank: string; status: number | null; message: string }

export type FetchMootaMutationsOutput = { fetched: number; new_ids: string[]; failures: ReconcileFailure[] }

/**
 * Polls Moota's GET /mutation for credits on each configured account since the last one seen (a day
 * back: Moota filters by WIB day and banks post late), into the same inbox as the webhook, where a
 * mutation seen before is a no-op. An account that fails is reported, not thrown. Nothing to
 * compensate: a stored transfer is never removed (a transfer is never lost).
 */
export const fetchMootaMutationsStep = createStep(fetchMootaMutationsStepId, async (input: { now: Date }, { container }) => {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const out: FetchMootaMutationsOutput = { fetched: 0, new_ids: [], failures: [] }
  const client = moota.getClient()
  if (!client) {
    return new StepResponse(out)
  }
  const now = new Date(input.now)
  const options = moota.getOptions()
  const lastSeen = await moota.lastMutationDates()
  const oldest = now.getTime() - options.reconcileLookbackDays * DAY_MS
  for (const account of options.accounts) {
    const last = lastSeen.get(account.bankId)?.getTime() ?? oldest
    const since = new Date(Math.max(oldest, last - DAY_MS))
    try {
      const batch = await client.listMutationsSince(since, { bank: account.bankId, type: "CR", until: now })
      out.fetched += batch.mutations.length
      const ours = batch.mutations.filter((m) => m.bank_id === account.bankId)
      out.new_ids.push(...(await moota.ingestMutations(ours.map(toInboxInput), "reconcile")))
    } catch (e) {
      logger.warn(`moota reconcile: account ${account.bank} failed: ${errorMessage(e)}`)
      out.failures.push({
        bank_id: account.bankId,
        bank: account.bank,
        status: e instanceof MootaApiError ? e.status : null,
        message: errorMessage(e).slice(0, 300),
      })
    }
  }
  return new StepResponse(out)
})
