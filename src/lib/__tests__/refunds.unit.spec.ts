import { buildRefundOverdueAlert, buildRefundSentMessage } from "../refund-notifications"
import { daysWaiting, refundCoverage } from "../refunds"

describe("refundCoverage", () => {
  it("says a full refund of the order total leaves the unique code with the shop", () => {
    const c = refundCoverage({ amount: 165_000, refunded_before: 0, paid_amount: 165_449 })
    expect(c.paid_left).toBe(449)
    expect(c.note).toContain("transferred Rp165.449 (unique code included)")
    expect(c.note).toContain("Rp449 of it stays with the shop")
  })

  it("counts the refunds before it, and says when the buyer gets everything back", () => {
    expect(refundCoverage({ amount: 100_000, refunded_before: 50_000, paid_amount: 150_000 })).toEqual({
      paid_left: 0,
      note: expect.stringContaining("the buyer gets all of it back"),
    })
    expect(refundCoverage({ amount: 50_000, refunded_before: 0, paid_amount: 150_000 }).paid_left).toBe(100_000)
  })

  it("says so when the buyer's transfer is not known", () => {
    expect(refundCoverage({ amount: 10_000, refunded_before: 0, paid_amount: null })).toEqual({
      paid_left: null,
      note: expect.stringContaining("not known"),
    })
  })
})

describe("daysWaiting", () => {
  it("counts whole days, never below 0", () => {
    const at = new Date("2026-12-01T10:00:00Z")
    expect(daysWaiting(at, new Date("2026-12-01T23:59:00Z"))).toBe(0)
    expect(daysWaiting(at, new Date("2026-12-04T10:00:00Z"))).toBe(3)
    expect(daysWaiting(at, new Date("2026-11-30T10:00:00Z"))).toBe(0)
  })
})

describe("refund messages", () => {
  const order = { id: "order_1", display_id: 12, email: "budi@example.com", customer_name: "Budi" }

  it("tells the buyer the refund was sent, in their language", () => {
    const at = new Date("2026-12-01T03:00:00Z")
    const id = buildRefundSentMessage({ amount: 165_000, sent_at: at, order, store_name: "Toko Budi" }, "id")
    expect(id.subject).toBe("Refund Rp165.000 untuk pesanan #12 sudah dikirim")
    expect(id.text).toContain("Toko Budi sudah mengirim refund Rp165.000")
    expect(id.refund).toEqual(expect.objectContaining({ amount: 165_000, amount_formatted: "Rp165.000", sent_at: at.toISOString() }))
    const en = buildRefundSentMessage({ amount: 165_000, sent_at: at, order, store_name: null }, "en")
    expect(en.subject).toBe("Your refund of Rp165.000 for order #12 was sent")
  })

  it("alerts the merchant in words, with the order number and the days waited", () => {
    const a = buildRefundOverdueAlert({ refund_to_send_id: "mrfd_1", amount: 50_000, days: 4, order_id: "order_1", order_display_id: 12 }, "en")
    expect(a.title).toBe("Refund not sent yet")
    expect(a.description).toContain("The refund of Rp50.000 for order #12 has waited 4 days")
    expect(buildRefundOverdueAlert({ refund_to_send_id: "mrfd_1", amount: 50_000, days: 4, order_id: null, order_display_id: null }, "id").title).toBe(
      "Refund belum dikirim"
    )
  })
})
