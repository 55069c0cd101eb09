import { decideTransactionMatch, isTransactionMutation, transactionRefOf, type TransactionCandidate } from "../transaction-match"

const cr = { mutation_id: "aolk4PekJxM", type: "CR", bank_id: "vaBca01", amount: 150_000, mutation_date: new Date() }
const ref = { trx_id: "TRX-1", order_id: "payses_1" }
const cand = (over: Partial<TransactionCandidate> = {}): TransactionCandidate => ({
  transaction_status: "live",
  reservation_id: "mres_1",
  reservation_status: "awaiting",
  release_reason: null,
  order_status: "pending",
  total: 150_000,
  ...over,
})

describe("transactionRefOf", () => {
  it("reads trx_id and order_id, numbers included", () => {
    expect(transactionRefOf({ trx_id: 991, order_id: " payses_1 ", status: "SUCCESS" })).toEqual({ trx_id: "991", order_id: "payses_1" })
  })
  it.each([[null], [[]], [{}], [{ trx_id: "", order_id: null }], [{ status: "SUCCESS" }]])("names nothing in %j", (detail) => {
    expect(transactionRefOf(detail as Record<string, unknown> | null)).toBeNull()
  })
})

describe("isTransactionMutation", () => {
  const accounts = new Set(["vaBca01"])
  it("holds for a payment_detail naming a transaction, on any account", () => {
    expect(isTransactionMutation({ bank_id: "bcaPlain", payment_detail: { trx_id: "T" } }, accounts)).toBe(true)
  })
  it("holds for anything on a create-transaction account", () => {
    expect(isTransactionMutation({ bank_id: "vaBca01", payment_detail: null }, accounts)).toBe(true)
  })
  it("does not hold for a plain transfer to a unique-code account", () => {
    expect(isTransactionMutation({ bank_id: "bcaPlain", payment_detail: null }, accounts)).toBe(false)
  })
})

describe("decideTransactionMatch", () => {
  it("captures the live transaction paid with its exact amount", () => {
    expect(decideTransactionMatch(cr, ref, cand())).toEqual({ kind: "capture", reservation_id: "mres_1" })
  })

  it("ignores test deliveries and debits", () => {
    expect(decideTransactionMatch({ ...cr, mutation_id: "test-x" }, ref, cand())).toEqual({ kind: "ignore", outcome: "test" })
    expect(decideTransactionMatch({ ...cr, type: "DB" }, ref, cand())).toEqual({ kind: "ignore", outcome: "debit" })
  })

  it.each([
    ["an unknown trx id", ref, null, "unknown_transaction"],
    ["a payment on the account with no trx id", null, null, "unknown_transaction"],
    ["another amount", ref, cand({ total: 150_001 }), "amount_mismatch"],
    ["a replaced transaction", ref, cand({ transaction_status: "replaced" }), "replaced_transaction"],
    ["a session deleted after a cart change", ref, cand({ reservation_status: "released", release_reason: "session_deleted" }), "replaced_transaction"],
    ["a late payment", ref, cand({ reservation_status: "quarantined" }), "expired"],
    ["a payment long after the deadline", ref, cand({ reservation_status: "expired" }), "expired"],
    ["a canceled order", ref, cand({ order_status: "canceled" }), "canceled"],
    ["a reservation stopped by a cancel", ref, cand({ reservation_status: "quarantined", release_reason: "order_canceled" }), "canceled"],
    ["an order already paid", ref, cand({ reservation_status: "paid" }), "already_paid"],
  ])("sends %s to review, never to capture", (_name, r, c, reason) => {
    expect(decideTransactionMatch(cr, r, c as TransactionCandidate | null)).toEqual(
      expect.objectContaining({ kind: "review", reason })
    )
  })

  it("sends an amount that is not whole rupiah to review", () => {
    expect(decideTransactionMatch({ ...cr, amount: null }, ref, cand())).toEqual(
      expect.objectContaining({ kind: "review", reason: "invalid_amount", reservation_id: "mres_1" })
    )
  })
})
