import { isWholeRupiah } from "./amount"
import { TEST_MUTATION_PREFIX, type MatchDecision, type MatchMutation } from "./matching"
import { RELEASE, RESERVATION, TRANSACTION, type ReservationStatus, type TransactionStatus } from "./statuses"

/**
 * Matching a mutation that pays a Moota transaction (a VA number or QR created for one payment
 * session). Pure: the module finds the transaction the mutation names, this decides. Such a
 * mutation is matched by its transaction only, never by its amount: on an account of kind
 * `moota_va` / `moota_qris`, or whenever `payment_detail` names a transaction.
 */

/** What `payment_detail` names: Moota's trx id and our own reference (sent as `order_id`). */
export type TransactionRef = { trx_id: string | null; order_id: string | null }

/** The transaction a mutation names, or null when its `payment_detail` names none. */
export function transactionRefOf(paymentDetail: Record<string, unknown> | null | undefined): TransactionRef | null {
  if (!paymentDetail || typeof paymentDetail !== "object" || Array.isArray(paymentDetail)) {
    return null
  }
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : null)
  const ref = { trx_id: text(paymentDetail.trx_id), order_id: text(paymentDetail.order_id) }
  return ref.trx_id || ref.order_id ? ref : null
}

/**
 * Whether the transaction rule decides this mutation (instead of the unique-amount matcher). The
 * inbox's bulk triage must never treat such a row as noise: it names a payment, or arrived on an
 * account where only transactions are paid.
 */
export function isTransactionMutation(
  row: { bank_id: string; payment_detail: Record<string, unknown> | null | undefined },
  transactionBankIds: ReadonlySet<string>
): boolean {
  return transactionRefOf(row.payment_detail) !== null || transactionBankIds.has(row.bank_id)
}

/** The stored transaction the mutation names, with its reservation and order. */
export type TransactionCandidate = {
  transaction_status: TransactionStatus
  reservation_id: string
  reservation_status: ReservationStatus
  release_reason: string | null
  order_status: string | null
  /** The order of the transaction's cart, also when the cart changed and the order pays by a newer session. */
  order_id?: string | null
  /** What the buyer was asked to pay (Moota's total). */
  total: number
}

function review(
  reason: Extract<MatchDecision, { kind: "review" }>["reason"],
  detail: string,
  c: TransactionCandidate | null
): MatchDecision {
  return {
    kind: "review",
    reason,
    reservation_id: c?.reservation_id ?? null,
    candidate_ids: c ? [c.reservation_id] : [],
    detail,
    ...(c?.order_id ? { order_id: c.order_id } : {}),
  }
}

export function decideTransactionMatch(
  mutation: MatchMutation,
  ref: TransactionRef | null,
  candidate: TransactionCandidate | null
): MatchDecision {
  if (mutation.mutation_id.startsWith(TEST_MUTATION_PREFIX)) {
    return { kind: "ignore", outcome: "test" }
  }
  if (mutation.type !== "CR") {
    return { kind: "ignore", outcome: "debit" }
  }
  if (!candidate) {
    return review(
      "unknown_transaction",
      ref
        ? "The payment names a Moota transaction this shop did not create"
        : "A payment on a Moota VA/QRIS account without a transaction id",
      null
    )
  }
  if (mutation.amount === null || !isWholeRupiah(mutation.amount)) {
    return review("invalid_amount", "The amount is not a whole number of rupiah", candidate)
  }
  if (candidate.reservation_status === RESERVATION.paid) {
    return review("already_paid", "A second payment for an order already paid", candidate)
  }
  if (candidate.order_status === "canceled" || candidate.release_reason === RELEASE.order_canceled) {
    return review("canceled", "Payment for an order that was canceled", candidate)
  }
  if (candidate.transaction_status === TRANSACTION.replaced || candidate.reservation_status === RESERVATION.released) {
    return review("replaced_transaction", "Payment of a VA number or QR that was replaced after the cart changed", candidate)
  }
  if (candidate.reservation_status !== RESERVATION.awaiting) {
    return review("expired", "Payment arrived after the payment deadline", candidate)
  }
  if (mutation.amount !== candidate.total) {
    return review("amount_mismatch", `Paid ${mutation.amount}, the transaction asked for ${candidate.total}`, candidate)
  }
  return { kind: "capture", reservation_id: candidate.reservation_id }
}
