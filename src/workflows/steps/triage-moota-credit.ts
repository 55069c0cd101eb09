import { applyTriage, nearBand, needsTriage, TRIAGE_RECENT_DAYS } from "../../lib/triage"
import type { MatchDecision } from "../../lib/matching"
import type MootaModuleService from "../../modules/moota/service"
import type { InboxRow } from "../../modules/moota/types"

/** Enough to tell whether some order could explain the credit; the rule needs only one. */
const NEARBY_LIMIT = 20

/**
 * For a credit no reservation holds: review it only when it could be for an order, else record it as
 * an unrelated credit (or as history, from before the plugin saw the account). See lib/triage.ts.
 */
export async function triageMootaCredit(moota: MootaModuleService, inbox: InboxRow, decision: MatchDecision): Promise<MatchDecision> {
  if (!needsTriage(decision)) {
    return decision
  }
  const options = moota.getOptions()
  const now = new Date()
  const mutationDate = inbox.mutation_date ? new Date(inbox.mutation_date) : null
  const firstSeen = (await moota.recordAccountsSeen([inbox.bank_id])).get(inbox.bank_id) ?? null
  const band = inbox.amount === null ? null : nearBand(inbox.amount, options.unrelatedTolerancePercent, options.uniqueCodeMax)
  const reservations = band
    ? await moota.listTriageReservations({
        bank_id: inbox.bank_id,
        bank_ids: options.accounts.map((a) => a.bankId),
        min: band.min,
        max: band.max,
        since: new Date((mutationDate ?? now).getTime() - TRIAGE_RECENT_DAYS * 86_400_000),
        limit: NEARBY_LIMIT,
      })
    : []
  return applyTriage(decision, {
    amount: inbox.amount,
    mutation_date: mutationDate,
    first_seen_at: firstSeen,
    reservations,
    claimed: await moota.isCreditClaimed({ bank_id: inbox.bank_id, amount: inbox.amount, mutation_date: mutationDate }),
    mode: options.unrelatedCredits,
    tolerance_percent: options.unrelatedTolerancePercent,
    code_max: options.uniqueCodeMax,
    now,
  })
}
