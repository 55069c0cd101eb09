import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { decideMatch, type MatchDecision } from "../../lib/matching"
import { INBOX } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import { orderStatusesOfReservations } from "../../queries/moota-payment"
import { matchMootaTransaction, matchMutationOf } from "../../inbox/decisions/match-moota-transaction"
import { triageMootaCredits } from "../../inbox/decisions/triage-moota-credit"

export const decideMootaMatchStepId = "decide-moota-match-step"

/**
 * Reads the inbox row and the reservations that held its amount, and decides. Changes no payment,
 * reservation or inbox row: its one write is the triage's note of when the plugin first saw the
 * credit's account (idempotent, kept on a retry), which "history" is judged against (lib/triage.ts).
 * The recorded decision is the next step's, under a lock on the row.
 */
export const decideMootaMatchStep = createStep(decideMootaMatchStepId, async (input: { inbox_id: string }, { container }) => {
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const inbox = await moota.getInboxRow(input.inbox_id)
  if (!inbox || inbox.status !== INBOX.pending) {
    // Already decided (or being resumed): the record step knows what to do with it.
    return new StepResponse<MatchDecision>({ kind: "ignore", outcome: "unknown_account" })
  }
  // Moota transactions (VA/QRIS per payment, issue 15): decided by the transaction named, never by amount.
  const byTransaction = await matchMootaTransaction(container, moota, inbox)
  if (byTransaction) {
    return new StepResponse(byTransaction)
  }
  const configured = new Set(moota.getOptions().accounts.map((a) => a.bankId))
  const candidates =
    inbox.type === "CR" && inbox.amount !== null && configured.has(inbox.bank_id)
      ? await moota.listMatchCandidates(inbox.bank_id, inbox.amount)
      : []
  const orders = await orderStatusesOfReservations(container, candidates)
  const matched = decideMatch(
    matchMutationOf(inbox),
    configured,
    candidates.map((c) => ({
      ...c,
      created_at: new Date(c.created_at),
      order_status: orders.get(c.session_id)?.status ?? null,
    }))
  )
  const [decided] = await triageMootaCredits(moota, [{ inbox, decision: matched }])
  return new StepResponse(decided)
})
