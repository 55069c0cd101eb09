import { applyTriage, needsTriage, TRIAGE_RECENT_DAYS } from "../../lib/triage"
import { claimFitsCredit } from "../../lib/claims"
import type { MatchDecision } from "../../lib/matching"
import type MootaModuleService from "../../modules/moota/service"
import type { InboxRow } from "../../modules/moota/types"
import { DAY_MS } from "../../lib/durations"

/**
 * For credits no reservation holds: review one only when it could be for an order, else record it as
 * an unrelated credit (or as history, from before the plugin saw the account). See lib/triage.ts.
 * Takes a batch (the scheduler decides noise many rows at a time) and costs three statements whatever
 * its size; decisions that need no triage pass through unchanged.
 */
export async function triageMootaCredits(
  moota: MootaModuleService,
  rows: { inbox: InboxRow; decision: MatchDecision }[]
): Promise<MatchDecision[]> {
  const todo = rows.filter((r) => needsTriage(r.decision))
  if (!todo.length) {
    return rows.map((r) => r.decision)
  }
  const options = moota.getOptions()
  const now = new Date()
  const dateOf = (inbox: InboxRow) => (inbox.mutation_date ? new Date(inbox.mutation_date) : null)
  const firstSeen = await moota.recordAccountsSeen(todo.map((r) => r.inbox.bank_id))
  // Buyers' open claims are few (a week's worth, unpaid orders only): read once, fitted here.
  const claims = await moota.listOpenPaymentClaims()
  const near = await moota.findNearReservations(
    todo
      .filter((r) => r.inbox.amount !== null)
      .map(({ inbox }) => ({
        key: inbox.id,
        bank_id: inbox.bank_id,
        amount: inbox.amount!,
        since: new Date((dateOf(inbox) ?? now).getTime() - TRIAGE_RECENT_DAYS * DAY_MS),
      })),
    {
      bank_ids: options.accounts.map((a) => a.bankId),
      tolerance_percent: options.unrelatedTolerancePercent,
      code_max: options.uniqueCodeMax,
    }
  )
  return rows.map(({ inbox, decision }) =>
    applyTriage(decision, {
      amount: inbox.amount,
      mutation_date: dateOf(inbox),
      first_seen_at: firstSeen.get(inbox.bank_id) ?? null,
      reservations: near.get(inbox.id) ?? [],
      claimed: inbox.amount !== null && claims.some((c) => claimFitsCredit(c, { bank_id: inbox.bank_id, amount: inbox.amount!, mutation_date: dateOf(inbox) })),
      mode: options.unrelatedCredits,
      tolerance_percent: options.unrelatedTolerancePercent,
      code_max: options.uniqueCodeMax,
      now,
    })
  )
}
