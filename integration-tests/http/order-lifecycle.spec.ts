import { eventually } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { BUYER_ADDRESS, orderMoney, placeMootaOrder } from "../../test-kit"

jest.setTimeout(240_000)

/**
 * The rest of an order's life through Medusa's own routes: order edits on a paid and on an awaiting
 * order, a converted draft order paid after a payment request, and a canceled paid order. What is
 * asserted is what the merchant and the buyer would notice: money captured, what the buyer is asked
 * to transfer, and what each side is told.
 */
mootaHttpSuite({}, ({ store, admin, sandbox }) => {
  const EMAIL = "budi@example.com"
  const buyerPayment = async (orderId: string) => {
    const { payment } = await store.storeApi("GET", `/store/moota/payments/order/${orderId}?email=${encodeURIComponent(EMAIL)}`)
    return payment
  }
  const transfer = async (amount: number) => {
    const { deliveries } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount })
    expect(deliveries.map((d) => d.status)).toEqual([200])
  }
  const capturedReaches = (orderId: string, amount: number) =>
    eventually(async () => {
      const m = await orderMoney(store, orderId)
      return m.captured === amount ? m : null
    }, 30_000)
  /** Medusa's own order edit: one more of the seeded product (Rp150.000), requested and confirmed. */
  const addItemByOrderEdit = async (orderId: string) => {
    const { order_change } = await store.adminApi("POST", "/admin/order-edits", { order_id: orderId })
    await store.adminApi("POST", `/admin/order-edits/${orderId}/items`, { items: [{ variant_id: store.seed.variant_id, quantity: 1 }] })
    await store.adminApi("POST", `/admin/order-edits/${orderId}/request`, {})
    await store.adminApi("POST", `/admin/order-edits/${orderId}/confirm`, {})
    return order_change
  }
  /** Every Payment's amount equals what was captured on it: nothing is left "to capture" on the dashboard. */
  const paymentsFullyCaptured = async (orderId: string) => {
    const { order } = await store.adminApi(
      "GET",
      `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures`
    )
    const payments = (order.payment_collections as any[]).flatMap((pc) => pc.payments ?? [])
    return payments.map((p) => [Number(p.amount), (p.captures ?? []).reduce((s: number, c: any) => s + Number(c.amount), 0)])
  }

  describe("an order edit on a paid order", () => {
    it("asks the buyer for exactly what the edit added, then says paid once it arrives", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      expect((await buyerPayment(order_id)).status).toBe("paid")

      await addItemByOrderEdit(order_id)
      const owed = await buyerPayment(order_id)
      // Not "paid" while Rp150.000 is owed: the buyer is asked for it, and only for it.
      expect(owed).toEqual(
        expect.objectContaining({ status: "awaiting", order_total: 150_000, outstanding: 150_000, purpose: "additional" })
      )
      expect(Math.abs(owed.transfer_amount - 150_000)).toBeLessThan(1000)
      expect(owed.history.map((h: any) => [h.amount, h.status])).toEqual([
        [165_000, "paid"],
        [150_000, "awaiting"],
      ])
      // Asking again opens nothing new.
      expect((await buyerPayment(order_id)).transfer_amount).toBe(owed.transfer_amount)

      await transfer(owed.transfer_amount)
      const m = await capturedReaches(order_id, 315_000)
      expect(m.payment_status).toBe("captured")
      const done = await buyerPayment(order_id)
      expect(done).toEqual(expect.objectContaining({ status: "paid", outstanding: 0 }))
      expect(done.history.map((h: any) => h.status)).toEqual(["paid", "paid"])
      for (const [amount, captured] of await paymentsFullyCaptured(order_id)) expect(captured).toBe(amount)
    })
  })

  describe("an order edit on an awaiting order", () => {
    it("edit then transfer: the amount shown before the edit is captured for what it covers, then only the rest is asked", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await addItemByOrderEdit(order_id)
      const before = await buyerPayment(order_id)
      // The instructions the buyer already has stay valid, and the card knows the order now owes more.
      expect(before).toEqual(expect.objectContaining({ status: "awaiting", transfer_amount: session.data.transfer_amount, outstanding: 315_000 }))

      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      const rest = await buyerPayment(order_id)
      // Never the whole Rp315.000 again.
      expect(rest).toEqual(expect.objectContaining({ status: "awaiting", order_total: 150_000, outstanding: 150_000 }))
      expect(Math.abs(rest.transfer_amount - 150_000)).toBeLessThan(1000)

      // A session a storefront opens itself on that collection asks the same rest, not the collection's amount.
      const pc = (await orderMoneyCollections(order_id)).find((c: any) => Number(c.captured_amount) > 0)
      const { payment_collection } = await store.storeApi("POST", `/store/payment-collections/${pc.id}/payment-sessions`, {
        provider_id: "pp_moota_moota",
      })
      const again = payment_collection.payment_sessions.find((s: any) => s.provider_id === "pp_moota_moota")
      expect(again.data.order_total).toBe(150_000)

      await transfer(again.data.transfer_amount)
      const m = await capturedReaches(order_id, 315_000)
      expect(m.payment_status).toBe("captured")
      expect((await buyerPayment(order_id)).status).toBe("paid")
      for (const [amount, captured] of await paymentsFullyCaptured(order_id)) expect(captured).toBe(amount)
    })

    it("transfer then edit: paid, then the buyer is asked for the added amount only", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      await addItemByOrderEdit(order_id)
      const rest = await buyerPayment(order_id)
      expect(rest).toEqual(expect.objectContaining({ status: "awaiting", order_total: 150_000, outstanding: 150_000 }))
    })
  })

  describe("a draft order (chat commerce)", () => {
    it("has no payment until the merchant requests one; the request opens it once and it gets paid", async () => {
      const { draft_order } = await store.adminApi("POST", "/admin/draft-orders", {
        email: EMAIL,
        region_id: store.seed.region_id,
        sales_channel_id: store.seed.sales_channel_id,
        items: [{ variant_id: store.seed.variant_id, quantity: 1 }],
        shipping_address: BUYER_ADDRESS,
        billing_address: BUYER_ADDRESS,
      })
      const { order } = await store.adminApi("POST", `/admin/draft-orders/${draft_order.id}/convert-to-order`, {})

      const first = await admin("POST", `/admin/moota/orders/${order.id}/payment-request`, {})
      expect(first.status).toBe(200)
      const req = first.data.payment_request
      expect(req).toEqual(expect.objectContaining({ order_id: order.id, amount: Number(order.total), outstanding: Number(order.total) }))
      expect(req.message.id).toContain(req.transfer_amount_formatted)
      expect(req.message.en).toContain(`#${order.display_id}`)
      // Idempotent while open: the same amount, no second session.
      const second = await admin("POST", `/admin/moota/orders/${order.id}/payment-request`, {})
      expect(second.data.payment_request).toEqual(expect.objectContaining({ transfer_amount: req.transfer_amount, created: false }))

      await transfer(req.transfer_amount)
      const m = await capturedReaches(order.id, Number(order.total))
      expect(m.payment_status).toBe("captured")
      // Nothing left to ask for: a clear refusal, nothing opened.
      const paid = await admin("POST", `/admin/moota/orders/${order.id}/payment-request`, {})
      expect(paid.status).toBe(400)
      expect(paid.data.message).toMatch(/paid in full/)
    })

    it("refuses a bad body and an unknown order, changing nothing", async () => {
      expect((await admin("POST", `/admin/moota/orders/order_nope/payment-request`, {})).status).toBe(404)
      expect((await admin("POST", `/admin/moota/orders/order_nope/payment-request`, { bank_id: "x y" })).status).toBe(400)
      expect((await admin("POST", `/admin/moota/orders/order_nope/payment-request`, { amount: 1 })).status).toBe(400)
    })
  })

  describe("a payment link (the admin's Copy payment link, /payment-collection/<id>?order_id=<order>)", () => {
    /** Medusa's own routes: a draft order converted to an order, and the collection the merchant creates for it. */
    const convertedDraftWithCollection = async () => {
      const { draft_order } = await store.adminApi("POST", "/admin/draft-orders", {
        email: EMAIL,
        region_id: store.seed.region_id,
        sales_channel_id: store.seed.sales_channel_id,
        items: [{ variant_id: store.seed.variant_id, quantity: 1 }],
        shipping_address: BUYER_ADDRESS,
        billing_address: BUYER_ADDRESS,
      })
      const { order } = await store.adminApi("POST", `/admin/draft-orders/${draft_order.id}/convert-to-order`, {})
      const { payment_collection } = await store.adminApi("POST", "/admin/payment-collections", {
        order_id: order.id,
        amount: Number(order.total),
      })
      return { order, collectionId: payment_collection.id as string }
    }
    const link = (collectionId: string, orderId: string, email?: string) =>
      admin(
        "get",
        `/store/moota/payments/collection/${collectionId}?order_id=${orderId}${email ? `&email=${encodeURIComponent(email)}` : ""}`,
        undefined,
        store.storeHeaders
      )
    const mootaSessionsOf = async (orderId: string) =>
      (await orderMoneyCollections(orderId)).flatMap((pc) => (pc.payment_sessions ?? []).filter((s: any) => s.provider_id === "pp_moota_moota"))

    it("opens the Moota payment of a converted draft order's collection; the buyer pays it and the link then says paid", async () => {
      const { order, collectionId } = await convertedDraftWithCollection()
      const total = Number(order.total)
      expect(await mootaSessionsOf(order.id)).toEqual([])

      const first = await link(collectionId, order.id, EMAIL.toUpperCase())
      expect(first.status).toBe(200)
      expect(first.data.payment).toEqual(
        expect.objectContaining({ status: "awaiting", order_id: order.id, order_total: total, outstanding: total, order_display_id: order.display_id })
      )
      const amount = first.data.payment.transfer_amount
      expect(Math.abs(amount - total)).toBeLessThan(1000)
      expect(first.data.payment.accounts.length).toBeGreaterThan(0)
      // Opening the link again (or "I have transferred") opens nothing new and asks the same amount.
      expect((await link(collectionId, order.id, EMAIL)).data.payment.transfer_amount).toBe(amount)
      const check = await admin("POST", `/store/moota/payments/collection/${collectionId}/check`, { order_id: order.id, email: EMAIL }, store.storeHeaders)
      expect(check.status).toBe(200)
      expect(check.data.payment.transfer_amount).toBe(amount)
      expect(await mootaSessionsOf(order.id)).toHaveLength(1)

      await transfer(amount)
      const m = await capturedReaches(order.id, total)
      expect(m.payment_status).toBe("captured")
      const paid = await link(collectionId, order.id, EMAIL)
      expect(paid.status).toBe(200)
      expect(paid.data.payment).toEqual(expect.objectContaining({ status: "paid", outstanding: 0, received_amount: amount }))
      // A paid link opens nothing more.
      expect(await mootaSessionsOf(order.id)).toHaveLength(1)
    })

    it("answers a wrong e-mail and another order's collection like a missing one, and opens nothing", async () => {
      const { order, collectionId } = await convertedDraftWithCollection()
      const other = await placeMootaOrder(store)
      const wrong = await link(collectionId, order.id, "someone@example.com")
      const missing = await link("pay_col_01NOSUCHCOLLECTION", order.id, EMAIL)
      // The other order's id and e-mail are right, but the collection is not that order's.
      const foreign = await link(collectionId, other.order_id, EMAIL)
      for (const r of [wrong, missing, foreign]) expect(r.status).toBe(404)
      expect(wrong.data.message).toBe(missing.data.message.replace("pay_col_01NOSUCHCOLLECTION", collectionId))
      expect((await link(collectionId, order.id)).status).toBe(400)
      expect((await link("cart_123", order.id, EMAIL)).status).toBe(400)
      expect((await admin("get", `/store/moota/payments/collection/${collectionId}?email=${EMAIL}`, undefined, store.storeHeaders)).status).toBe(400)
      const wrongCheck = await admin("POST", `/store/moota/payments/collection/${collectionId}/check`, { order_id: order.id, email: "x@example.com" }, store.storeHeaders)
      expect(wrongCheck.status).toBe(404)
      expect(await mootaSessionsOf(order.id)).toEqual([])
    })

    it("says paid, with nothing owed, on the link of a collection the buyer already paid at checkout", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      const [collection] = await orderMoneyCollections(order_id)
      const paid = await link(collection.id, order_id, EMAIL)
      expect(paid.status).toBe(200)
      expect(paid.data.payment).toEqual(expect.objectContaining({ status: "paid", outstanding: 0, transfer_amount: session.data.transfer_amount }))
      expect(await mootaSessionsOf(order_id)).toHaveLength(1)
    })
  })

  describe("a canceled paid order", () => {
    it("tells the buyer canceled with the refund, never paid", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      await store.adminApi("POST", `/admin/orders/${order_id}/cancel`, {})
      const p = await buyerPayment(order_id)
      expect(p.status).toBe("canceled")
      expect(p.outstanding).toBe(0)
      expect(p.refunds.map((r: any) => r.amount)).toEqual([165_000])
    })
  })

  async function orderMoneyCollections(orderId: string) {
    const { order } = await store.adminApi("GET", `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payment_sessions`)
    return order.payment_collections as any[]
  }
})
