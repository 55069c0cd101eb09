import { eventually } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { orderMoney, placeMootaOrder } from "../../test-kit"

/**
 * Issue 14, the merchant's review queue: suggestions ranked (open orders that fit first, paid ones
 * marked), an order placed after the transfer arrived or an amount off by more than the unique-code
 * range matched only with a typed reason (refused by the server without one, audited with one), and
 * orders found by number, email or name.
 */
jest.setTimeout(180_000)

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString()

mootaHttpSuite({}, ({ store, api: http, moota, sandbox, admin }) => {
  const openItem = (mutationId: string) =>
    eventually(async () => (await moota().listMootaReviewItems({ status: "open", mutation_id: mutationId }))[0])
  /**
   * A transfer no awaiting payment holds the amount of, received (and stamped by the bank) `date`. A
   * credit no order explains at all is an other credit by default: as a merchant who reviews every
   * credit, it comes to the queue.
   */
  const strayTransfer = async (amount: number, date?: string) => {
    const options = moota().getOptions()
    options.unrelatedCredits = "review"
    try {
      const { mutation } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount, ...(date ? { date } : {}) })
      return await openItem(mutation.mutation_id)
    } finally {
      options.unrelatedCredits = "log"
    }
  }

  it("suggests the open order that fits first, marks a paid one as paid and not matchable", async () => {
    const paidOrder = await placeMootaOrder(store)
    await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: paidOrder.session.data.transfer_amount })
    await eventually(async () => (await orderMoney(store, paidOrder.order_id)).payment_status === "captured")
    const open = await placeMootaOrder(store)
    const item = await strayTransfer(open.session.data.transfer_amount + 1)

    const { status, data } = await admin("get", `/admin/moota/review-items/${item.id}`)
    expect(status).toBe(200)
    expect(data.candidates.map((c: any) => [c.order?.id, c.status, c.matchable, c.overrides])).toEqual([
      [open.order_id, "awaiting", true, []],
      [paidOrder.order_id, "paid", false, []],
    ])
  })

  it("refuses, without a typed reason, to match an order placed after the transfer arrived; with one it matches and audits it", async () => {
    // The transfer came in (12:20) before this order was placed (12:24): it cannot be its payment.
    const item = await strayTransfer(165_500, minutesAgo(4))
    const later = await placeMootaOrder(store)

    const { data } = await admin("get", `/admin/moota/review-items/${item.id}`)
    expect(data.candidates).toEqual([
      expect.objectContaining({ reservation_id: later.session.data.reservation_id, matchable: true, overrides: ["placed_after_transfer"] }),
    ])
    const match = { reservation_id: later.session.data.reservation_id, note: "buyer called" }
    const refused = await admin("post", `/admin/moota/review-items/${item.id}/match`, match)
    expect(refused.status).toBe(400)
    expect(refused.data).toEqual(
      expect.objectContaining({ code: "moota_placed_after_transfer", message: expect.stringMatching(/placed after the transfer arrived/) })
    )
    expect((await orderMoney(store, later.order_id)).payments).toBe(0)
    expect((await moota().retrieveMootaReviewItem(item.id)).status).toBe("open")
    expect(await moota().listMootaAuditLogs({ action: "match" })).toHaveLength(0)

    const tooShort = await admin("post", `/admin/moota/review-items/${item.id}/match`, { ...match, override_reason: "ok" })
    expect(tooShort.status).toBe(400)
    expect(tooShort.data.message).toMatch(/override_reason must be at least 3 characters/)

    const res = await admin("post", `/admin/moota/review-items/${item.id}/match`, {
      ...match,
      override_reason: "Buyer paid before checking out; order confirmed by phone",
    })
    expect(res.status).toBe(200)
    expect((await orderMoney(store, later.order_id)).payments).toBe(1)
    const [audit] = await moota().listMootaAuditLogs({ action: "match" })
    expect(audit).toEqual(
      expect.objectContaining({
        note: "buyer called",
        data: expect.objectContaining({
          override: { checks: ["placed_after_transfer"], reason: "Buyer paid before checking out; order confirmed by phone" },
        }),
      })
    )
  })

  it("finds orders by number (#12 or 12), email and customer name", async () => {
    const first = await placeMootaOrder(store)
    const second = await placeMootaOrder(store)
    const item = await strayTransfer(second.session.data.transfer_amount + 3)
    const search = async (q: string) => {
      const res = await admin("get", `/admin/moota/review-items/${item.id}/orders?q=${encodeURIComponent(q)}`)
      expect([q, res.status]).toEqual([q, 200])
      return res.data.candidates.map((c: any) => c.order.id)
    }
    expect(await search(`#${first.display_id}`)).toEqual([first.order_id])
    expect(await search(String(second.display_id))).toEqual([second.order_id])
    expect(await search("BUDI@example.com")).toEqual([second.order_id, first.order_id])
    expect(await search("budi santoso")).toEqual([second.order_id, first.order_id])
    expect(await search("santoso")).toEqual([second.order_id, first.order_id])
    expect(await search("#999999")).toEqual([])
    expect(await search("siti")).toEqual([])
    const bad = await admin("get", `/admin/moota/review-items/${item.id}/orders`)
    expect(bad.status).toBe(400)
    const anonymous = await http.get(`/admin/moota/review-items/${item.id}/orders?q=budi`, { validateStatus: () => true } as any)
    expect(anonymous.status).toBe(401)
  })

  it("refuses an amount off by more than the unique-code range without a reason, in the queue and among the other credits", async () => {
    const order = await placeMootaOrder(store)
    const item = await strayTransfer(order.session.data.transfer_amount - 10_000)
    const match = { reservation_id: order.session.data.reservation_id, note: "partial payment" }
    const refused = await admin("post", `/admin/moota/review-items/${item.id}/match`, match)
    expect(refused.status).toBe(400)
    expect(refused.data.code).toBe("moota_amount_difference")
    expect((await orderMoney(store, order.order_id)).payments).toBe(0)

    // Rp2.500 on the shop's account, logged as an other credit, for a Rp165.000 order.
    const { mutation } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: 2_500 })
    const credit = await eventually(async () => (await moota().listMootaInboxMutations({ mutation_id: mutation.mutation_id, outcome: "ignored_unrelated" }))[0])
    // The other-credits drawer finds the order the same way, flagged before anything is confirmed.
    const found = await admin("get", `/admin/moota/other-credits/${credit.id}/orders?q=%23${order.display_id}`)
    expect(found.status).toBe(200)
    expect(found.data.candidates).toEqual([
      expect.objectContaining({ order: expect.objectContaining({ id: order.order_id }), order_total: 165_000, overrides: ["amount_difference"] }),
    ])
    const byNumber = { note: "buyer says so", display_id: `#${order.display_id}` }
    const creditRefused = await admin("post", `/admin/moota/other-credits/${credit.id}/match`, byNumber)
    expect(creditRefused.status).toBe(400)
    expect(creditRefused.data.code).toBe("moota_amount_difference")
    expect((await orderMoney(store, order.order_id)).payments).toBe(0)

    const res = await admin("post", `/admin/moota/review-items/${item.id}/match`, { ...match, override_reason: "Rest paid in cash at the shop" })
    expect(res.status).toBe(200)
    expect((await orderMoney(store, order.order_id)).payments).toBe(1)
  })
})
