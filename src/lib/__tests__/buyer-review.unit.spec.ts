import { asksForClaim, buyerReviewOf, type BuyerReviewItem, type BuyerReviewReservation } from "../buyer-review"
import { fitsTransfer } from "../review-ownership"

const placed = new Date("2026-12-01T05:00:00Z") // 12.00 WIB
const later = new Date(placed.getTime() + 20 * 60_000)
const r: BuyerReviewReservation = { id: "mres_1", bank_ids: ["bca01"], created_at: placed }
// The caller computes which open payments a transfer fits: by default this one alone.
const item = (over: Partial<BuyerReviewItem> = {}): BuyerReviewItem => ({
  status: "open",
  reservation_id: null,
  candidate_reservation_ids: [],
  bank_id: "bca01",
  amount: 165_000,
  mutation_date: later,
  created_at: later,
  fitting_reservation_ids: ["mres_1"],
  ...over,
})

describe("buyerReviewOf: a transfer the store is checking for this order (only when it is this order's)", () => {
  it("tells the buyer who sent Rp165.000 instead of Rp165.967, when it fits no other open payment", () => {
    expect(buyerReviewOf(r, [item()])).toEqual({ state: "checking", amount: 165_000, received_at: later })
    expect(asksForClaim(r, [item()])).toBe(false)
  })

  it("tells the buyer of the order a replaced payment names (a VA number the cart's change replaced), and no other order", () => {
    const replaced = item({ reservation_id: "mres_old", order_id: "order_1", fitting_reservation_ids: [] })
    expect(buyerReviewOf({ ...r, order_id: "order_1" }, [replaced])?.state).toBe("checking")
    expect(buyerReviewOf({ ...r, order_id: "order_2" }, [replaced])).toBeNull()
    expect(buyerReviewOf(r, [replaced])).toBeNull()
  })

  it("tells nobody about a transfer that fits several payments, and asks each buyer for a confirmation", () => {
    const shared = item({ fitting_reservation_ids: ["mres_1", "mres_2"] })
    expect(buyerReviewOf(r, [shared])).toBeNull()
    expect(asksForClaim(r, [shared])).toBe(true)
    expect(buyerReviewOf({ ...r, id: "mres_2" }, [shared])).toBeNull()
  })

  it("tells the buyer whose own confirmation names it (amount, account, time), and not the other", () => {
    const shared = item({ fitting_reservation_ids: ["mres_1", "mres_2"] })
    const claimed = { ...r, claims: [{ amount: 165_000, transferred_at: new Date(later.getTime() - 5 * 60_000) }] }
    expect(buyerReviewOf(claimed, [shared])?.state).toBe("checking")
    expect(asksForClaim(claimed, [shared])).toBe(false)
    // Another amount, or a time days away from the booking, names another transfer.
    expect(buyerReviewOf({ ...r, claims: [{ amount: 165_001, transferred_at: later }] }, [shared])).toBeNull()
    expect(buyerReviewOf({ ...r, claims: [{ amount: 165_000, transferred_at: new Date(later.getTime() + 2 * 86_400_000) }] }, [shared])).toBeNull()
  })

  it("ignores a transfer on an account the buyer was not shown, or received before the order was placed", () => {
    expect(buyerReviewOf(r, [item({ bank_id: "mandiri01" })])).toBeNull()
    const before = new Date(placed.getTime() - 60 * 60_000)
    expect(buyerReviewOf(r, [item({ mutation_date: before })])).toBeNull()
  })

  it("ignores a transfer that fits no open payment of this buyer", () => {
    expect(buyerReviewOf(r, [item({ fitting_reservation_ids: [] })])).toBeNull()
    expect(buyerReviewOf(r, [item({ fitting_reservation_ids: ["mres_2"] })])).toBeNull()
    expect(asksForClaim(r, [item({ fitting_reservation_ids: ["mres_2"] })])).toBe(false)
  })

  it("counts an item linked to this payment whatever its amount, and not one linked to another", () => {
    expect(buyerReviewOf(r, [item({ amount: 500_000, reservation_id: "mres_1", fitting_reservation_ids: [] })])?.amount).toBe(500_000)
    expect(buyerReviewOf(r, [item({ reservation_id: "mres_other" })])).toBeNull()
    expect(asksForClaim(r, [item({ reservation_id: "mres_other", fitting_reservation_ids: ["mres_1", "mres_2"] })])).toBe(false)
    // The matcher's list of candidates is no link: it is the ambiguity itself.
    expect(buyerReviewOf(r, [item({ candidate_reservation_ids: ["mres_1", "mres_2"], fitting_reservation_ids: ["mres_1", "mres_2"] })])).toBeNull()
  })

  it("counts an item that names this order (a replaced VA number paid on another account), and not another order's", () => {
    const ordered = { ...r, order_id: "order_1" }
    const replaced = item({ reservation_id: null, bank_id: "vaBca01", amount: 120_000, order_id: "order_1", fitting_reservation_ids: [] })
    expect(buyerReviewOf(ordered, [replaced])).toEqual({ state: "checking", amount: 120_000, received_at: later })
    expect(buyerReviewOf(ordered, [{ ...replaced, order_id: "order_2" }])).toBeNull()
    expect(buyerReviewOf(r, [replaced])).toBeNull()
  })

  it("says 'not matched' once the store dismissed it, and 'checking' again while another transfer is open", () => {
    const dismissed = item({ status: "dismissed" })
    expect(buyerReviewOf(r, [dismissed])?.state).toBe("not_matched")
    const open = item({ amount: 165_500, created_at: new Date(later.getTime() - 1000) })
    expect(buyerReviewOf(r, [dismissed, open])).toEqual({ state: "checking", amount: 165_500, received_at: later })
  })

  it("forgets an item the store resolved (matched: the payment itself then says paid)", () => {
    expect(buyerReviewOf(r, [item({ status: "resolved", reservation_id: "mres_1" })])).toBeNull()
  })
})

describe("fitsTransfer: the review queue's plain suggestion", () => {
  const payment = { id: "mres_1", status: "awaiting" as const, bank_ids: ["bca01"], transfer_amount: 165_967, created_at: placed }
  const credit = { bank_id: "bca01", amount: 165_000, at: later }
  it("fits an open payment on the account within the unique-code range, started before the transfer", () => {
    expect(fitsTransfer(credit, payment, 999)).toBe(true)
    expect(fitsTransfer({ ...credit, amount: 165_967 - 1000 }, payment, 999)).toBe(false)
    expect(fitsTransfer({ ...credit, bank_id: "mandiri01" }, payment, 999)).toBe(false)
    expect(fitsTransfer(credit, { ...payment, status: "paid" }, 999)).toBe(false)
    expect(fitsTransfer({ ...credit, at: new Date(placed.getTime() - 10 * 60_000) }, payment, 999)).toBe(false)
    expect(fitsTransfer(credit, { ...payment, status: "quarantined" }, 999)).toBe(true)
  })
})
