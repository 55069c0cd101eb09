import type { MedusaContainer } from "@medusajs/framework/types"
import type { MatchDecision, MatchMutation } from "../../lib/matching"
import { isMootaTransactionKind } from "../../lib/options"
import { decideTransactionMatch, isTransactionMutation, transactionRefOf } from "../../lib/transaction-match"
import type MootaModuleService from "../../modules/moota/service"
import type { InboxRow } from "../../modules/moota/types"
import { orderOfPaymentCollection, ordersOfSessions } from "../../queries/moota-payment"

/**
 * The decision for a mutation that pays a Moota transaction (its `payment_detail` names one, or it
 * arrived on a `moota_va` / `moota_qris` account), or null when the unique-amount matcher decides it.
 * Such a mutation is matched by its transaction only, never by its amount (lib/transaction-match.ts).
 */
export async function matchMootaTransaction(
  container: MedusaContainer,
  moota: MootaModuleService,
  inbox: InboxRow
): Promise<MatchDecision | null> {
  const transactionBanks = new Set(
    moota
      .getOptions()
      .accounts.filter((a) => isMootaTransactionKind(a.kind))
      .map((a) => a.bankId)
  )
  if (!isTransactionMutation(inbox, transactionBanks)) {
    return null
  }
  const ref = transactionRefOf(inbox.payment_detail)
  const found = ref ? await moota.findMootaTransaction(ref) : null
  // A replaced transaction's session may be gone (the cart changed); its cart's order is still known.
  const order = found
    ? ((await ordersOfSessions(container, [found.session_id])).get(found.session_id) ??
      (found.payment_collection_id ? await orderOfPaymentCollection(container, found.payment_collection_id) : null))
    : null
  return decideTransactionMatch(
    matchMutationOf(inbox),
    ref,
    found ? { ...found, order_status: order?.status ?? null, order_id: order?.id ?? null } : null
  )
}

/** What the matchers read of an inbox row. */
export function matchMutationOf(inbox: InboxRow): MatchMutation {
  return {
    mutation_id: inbox.mutation_id,
    type: inbox.type,
    bank_id: inbox.bank_id,
    amount: inbox.amount,
    mutation_date: inbox.mutation_date ? new Date(inbox.mutation_date) : null,
  }
}
