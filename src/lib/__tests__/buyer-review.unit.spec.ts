import { buyerReviewOf, type BuyerReviewItem, type BuyerReviewReservation } from "../buyer-review"

const placed = new Date("2026-12-01T05:00:00Z") // 12.00 WIB
const later = new Date(placed.getTime() + 20 * 60_000)
const r: BuyerReviewReservation = { id: "mres_1", order_total: 165_000, transfer_amount: 165_967, bank_ids: ["bca01"], created_at: placed }
const rule = { tolerance_percent: 3, code_max: 999 }
const item = (over: Partial<BuyerReviewItem> = {}): BuyerReviewItem => ({
  status: "open",
  reservation_id: null,
  candidate_reservation_ids: [],
  bank_id: "bca01",
  amount: 165_000,
  mutation_date: later,
  created_at: later,
  ...over,
})

describe("buyerReviewOf: a transfer the store is checking for this order", () => {
  it("tells the buyer who sent Rp165.000 instead of Rp165.967 that the store is checking it", () => {
    expect(buyerReviewOf(r, [item()], rule)).toEqual({ state: "checking", amount: 165_000, received_at: later })
  })

  it("ignores a transfer on an account the buyer was not shown", () => {
    expect(buyerReviewOf(r, [item({ bank_id: "mandiri01" })], rule)).toBeNull()
  })

  it("ignores a transfer received before the order was placed", () => {
    const before = new Date(placed.getTime() - 60 * 60_000)
    expect(buyerReviewOf(r, [item({ mutation_date: before })], rule)).toBeNull()
  })

  it("ignores an amount far from the order's (outside the code range and the tolerance)", () => {
    expect(buyerReviewOf(r, [item({ amount: 150_000 })], rule)).toBeNull()
    expect(buyerReviewOf(r, [item({ amount: 165_967 + 999 })], rule)?.state).toBe("checking")
  })

  it("counts an item that names this reservation whatever its amount, and not one the merchant gave to another", () => {
    expect(buyerReviewOf(r, [item({ amount: 500_000, candidate_reservation_ids: ["mres_1"] })], rule)?.amount).toBe(500_000)
    expect(buyerReviewOf(r, [item({ reservation_id: "mres_other" })], rule)).toBeNull()
  })

  it("counts an item that names this order (a replaced VA number paid on another account), and not another order's", () => {
    const ordered = { ...r, order_id: "order_1" }
    const replaced = item({ reservation_id: "mres_old", bank_id: "vaBca01", amount: 120_000, order_id: "order_1" })
    expect(buyerReviewOf(ordered, [replaced], rule)).toEqual({ state: "checking", amount: 120_000, received_at: later })
    expect(buyerReviewOf(ordered, [{ ...replaced, order_id: "order_2" }], rule)).toBeNull()
    expect(buyerReviewOf(r, [replaced], rule)).toBeNull()
  })

  it("says 'not matched' once the store dismissed it, and 'checking' again while another transfer is open", () => {
    const dismissed = item({ status: "dismissed" })
    expect(buyerReviewOf(r, [dismissed], rule)?.state).toBe("not_matched")
    const open = item({ amount: 165_500, created_at: new Date(later.getTime() - 1000) })
    expect(buyerReviewOf(r, [dismissed, open], rule)).toEqual({ state: "checking", amount: 165_500, received_at: later })
  })

  it("counts a far amount the buyer reported in a claim", () => {
    expect(buyerReviewOf(r, [item({ amount: 50_000 })], rule)).toBeNull()
    expect(buyerReviewOf({ ...r, claimed_amounts: [50_000] }, [item({ amount: 50_000 })], rule)?.amount).toBe(50_000)
  })

  it("forgets an item the store resolved (matched: the payment itself then says paid)", () => {
    expect(buyerReviewOf(r, [item({ status: "resolved" })], rule)).toBeNull()
  })
})
