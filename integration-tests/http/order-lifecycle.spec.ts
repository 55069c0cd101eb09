import { eventually } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { expireMootaReservations } from "../../src/jobs/moota-expire-reservations"
import { followMootaRefunds } from "../../src/notifications/refunds"
import { convertedDraftOrder, orderMoney, placeMootaOrder } from "../../test-kit"
import * as changes from "../helpers/order-changes"

jest.setTimeout(240_000)

/**
 * The rest of an order's life through Medusa's own routes: order edits on a paid and on an awaiting
 * order, a converted draft order paid after a payment request, and a canceled paid order. What is
 * asserted is what the merchant and the buyer would notice: money captured, what the buyer is asked
 * to transfer, and what each side is told.
 */
// With Moota's own VA and QRIS accounts offered too, as `npm run dev` does (unique-code payments stay the default).
mootaHttpSuite({ transactions: true }, ({ store, admin, sandbox, moota, container }) => {
  const EMAIL = "budi@example.com"
  const buyerPayment = async (orderId: string) => {
    const { payment } = await store.storeApi("GET", `/store/moota/payments/order/${orderId}?email=${encodeURIComponent(EMAIL)}`)
    return payment
  }
  const transfer = async (amount: number) => {
    const { deliveries } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount })
    expect(deliveries.map((d) => d.status)).toEqual([200])
  }
  /** No confirmation is still running (every transfer's inbox row is closed). */
  const confirmationsEnded = async () => (await moota().listMootaInboxMutations({ status: "matched" })).length === 0
  /** Medusa captured this much, and the confirmation that captured it has ended. */
  const capturedReaches = (orderId: string, amount: number) =>
    eventually(async () => {
      const m = await orderMoney(store, orderId)
      return m.captured === amount && (await confirmationsEnded()) ? m : null
    }, 30_000)
  /** Medusa sets the order's payment status a moment after the capture itself. */
  const capturedInFull = (orderId: string, amount: number) =>
    eventually(async () => {
      const m = await orderMoney(store, orderId)
      return m.captured === amount && m.payment_status === "captured" && (await confirmationsEnded()) ? m : null
    }, 30_000)
  const addItemByOrderEdit = (orderId: string) => changes.addItemByOrderEdit(store, orderId)
  /** Every Payment's amount equals what was captured on it: nothing is left "to capture" on the dashboard. */
  const paymentsFullyCaptured = async (orderId: string) => {
    const { order } = await store.adminApi(
      "GET",
      `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures`
    )
    const payments = (order.payment_collections as any[]).flatMap((pc) => pc.payments ?? [])
    return payments.map((p) => [Number(p.amount), (p.captures ?? []).reduce((s: number, c: any) => s + Number(c.amount), 0)])
  }

  /** The buyer's `payment_requested` messages for an order (the dev store's local provider logs them). */
  const requestMessages = async (orderId: string) =>
    ((await moota().listMootaNotificationLogs({ template: "moota-payment-requested" })) as any[]).filter(
      (r) => r.data?.order?.id === orderId
    )
  /** The Moota payment an edit, exchange or claim opened by itself for what the order now owes. */
  const addedPaymentOpens = (orderId: string) =>
    eventually(async () => {
      const { money } = (await admin("get", `/admin/moota/orders/${orderId}`)).data
      return money.payments.some((p: any) => p.additional && p.status === "awaiting") ? money : null
    }, 30_000)
  const fulfillAll = (orderId: string) => changes.fulfillAll(store, orderId)

  describe("an order edit on a paid order", () => {
    it("asks the buyer for exactly what the edit added, then says paid once it arrives", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      expect((await buyerPayment(order_id)).status).toBe("paid")

      await addItemByOrderEdit(order_id)
      // The edit opens the added amount's Moota payment by itself and tells the buyer.
      await addedPaymentOpens(order_id)
      const [told] = await eventually(async () => ((await requestMessages(order_id)).length ? requestMessages(order_id) : null), 30_000)
      const owed = await buyerPayment(order_id)
      expect(told.data.subject).toMatch(/^Tambahan pembayaran pesanan #\d+$/)
      expect(told.data.text).toContain(`tambahan pembayaran Rp150.000`)
      expect(told.data.text).toContain(`transfer tepat Rp${owed.transfer_amount.toLocaleString("id-ID")}`)
      expect(told.data.request).toEqual(expect.objectContaining({ outstanding: 150_000, additional: true, remains_after: 0 }))
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
      await capturedInFull(order_id, 315_000)
      const done = await buyerPayment(order_id)
      expect(done).toEqual(expect.objectContaining({ status: "paid", outstanding: 0 }))
      expect(done.history.map((h: any) => h.status)).toEqual(["paid", "paid"])
      for (const [amount, captured] of await paymentsFullyCaptured(order_id)) expect(captured).toBe(amount)
    })
    it("opens nothing while the first payment's capture is still running, then asks for the added amount once", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      // The moment between Medusa's capture and the confirmation's end (Medusa's ledger entry trails
      // the capture): the transfer's inbox row is still being confirmed.
      const [reservation] = await moota().listMootaReservations({ session_id: session.id })
      const row = await eventually(async () => {
        const [r] = await moota().listMootaInboxMutations({ reservation_id: reservation.id, status: "processed" })
        return r ?? null
      }, 30_000)
      expect(Number(row.amount)).toBe(session.data.transfer_amount)
      await moota().updateMootaInboxMutations({ id: row.id, status: "matched" })
      await addItemByOrderEdit(order_id)
      const refused = await admin("POST", `/admin/moota/orders/${order_id}/payment-request`, {})
      expect(refused.status).toBe(400)
      expect(refused.data.code).toBe("moota_payment_confirming")
      // The widget offers no Request payment meanwhile (it would be refused).
      expect((await admin("get", `/admin/moota/orders/${order_id}`)).data.money.can_request_payment).toBe(false)
      expect((await buyerPayment(order_id)).history.map((h: any) => h.status)).toEqual(["paid"])
      // The confirmation ends: the edit's payment opens (the subscriber waited for it), once.
      await moota().updateMootaInboxMutations({ id: row.id, status: "processed" })
      const money = await addedPaymentOpens(order_id)
      expect(money.payments.map((p: any) => [p.order_total, p.status])).toEqual([
        [165_000, "paid"],
        [150_000, "awaiting"],
      ])
      expect((await buyerPayment(order_id)).outstanding).toBe(150_000)
    })
  })

  describe("an added payment past its deadline", () => {
    it("never cancels (and so never refunds) the order that was paid before the edit", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      await addItemByOrderEdit(order_id)
      await addedPaymentOpens(order_id)
      // The deadline of the added payment passes, with the shop's auto-cancel on (the default).
      const { quarantined, canceled } = await expireMootaReservations(container(), new Date(Date.now() + 25 * 3_600_000))
      expect(quarantined).toBe(1)
      expect(canceled).toBe(0)
      const m = await orderMoney(store, order_id)
      expect(m).toEqual(expect.objectContaining({ status: "pending", captured: 165_000 }))
      const { money, refunds } = (await admin("get", `/admin/moota/orders/${order_id}`)).data
      expect(refunds).toEqual([])
      expect(money.outstanding).toBe(150_000)
    })
  })

  describe("a Moota VA for what an edit added (no cart behind the collection)", () => {
    it("takes the buyer's phone, e-mail and name from the order and asks only the added amount", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      await addItemByOrderEdit(order_id)
      // The edit opened a unique-code payment; the buyer picks the VA instead on the payment link.
      await addedPaymentOpens(order_id)
      const pc = (await orderMoneyCollections(order_id)).find((c: any) => c.status === "not_paid")
      // The storefront sends only the account: before, Moota's VA was refused with moota_phone.
      const { payment_collection } = await store.storeApi("POST", `/store/payment-collections/${pc.id}/payment-sessions`, {
        provider_id: "pp_moota_moota",
        data: { bank_id: "vaBcaSandbx1" },
      })
      const va = payment_collection.payment_sessions.find((s: any) => s.provider_id === "pp_moota_moota")
      expect(va.data.order_total).toBe(150_000)
      const trx = sandbox().state.transactions.at(-1)!
      expect(trx).toEqual(expect.objectContaining({ total: 150_000 }))
      expect(trx.customer).toEqual(expect.objectContaining({ email: EMAIL, name: "Budi Santoso" }))
      expect(trx.customer.phone).toMatch(/81234567890$/)

      await sandbox().payTransaction({ va_number: va.data.moota_transaction.va_number })
      await capturedInFull(order_id, 315_000)
      const done = await buyerPayment(order_id)
      expect(done).toEqual(expect.objectContaining({ status: "paid", outstanding: 0 }))
    })
  })

  describe("the merchant's side of what an edit added", () => {
    it("shows every payment and what is owed, and Mark as paid captures only the added amount", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      await addItemByOrderEdit(order_id)

      const money = await addedPaymentOpens(order_id)
      // "Request payment" stays offered: it answers the open payment's message to paste into a chat.
      expect(money).toEqual(expect.objectContaining({ outstanding: 150_000, canceled: false, can_request_payment: true }))
      expect(money.payments.map((p: any) => [p.order_total, p.status, p.additional])).toEqual([
        [165_000, "paid", false],
        [150_000, "awaiting", true],
      ])
      const request = (await admin("POST", `/admin/moota/orders/${order_id}/payment-request`, {})).data.payment_request
      expect(request).toEqual(expect.objectContaining({ created: false, outstanding: 150_000, amount: 150_000 }))
      expect(request.message.id).toContain("tambahan pembayaran")
      // The buyer was told once, not again by the merchant's request.
      expect(await requestMessages(order_id)).toHaveLength(1)

      // Before: 400 moota_already_paid. Now the owed amount's Moota payment is captured.
      const marked = await admin("POST", `/admin/moota/orders/${order_id}/mark-paid`, { note: "Transfer seen in BCA internet banking" })
      expect(marked.status).toBe(200)
      await capturedInFull(order_id, 315_000)
      const after = (await admin("get", `/admin/moota/orders/${order_id}`)).data.money
      expect(after).toEqual(expect.objectContaining({ outstanding: 0, can_request_payment: false }))
      expect(after.payments.map((p: any) => [p.order_total, p.status, p.additional])).toEqual([
        [165_000, "paid", false],
        [150_000, "paid", true],
      ])
      expect((await buyerPayment(order_id)).status).toBe("paid")
    })

    it("a plain transfer of the added amount goes to review and the merchant's match captures it on the order", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      await addItemByOrderEdit(order_id)
      await addedPaymentOpens(order_id)
      // The buyer is asked Rp150.xxx but pays a round Rp150.000: doubtful, so a person decides.
      await transfer(150_000)
      const item = await eventually(() => openReviewItem(150_000))
      // The queue suggests this order's added payment first, as the only one the transfer fits.
      const { candidates } = (await admin("get", `/admin/moota/review-items/${item.id}`)).data
      expect(candidates[0]).toEqual(
        expect.objectContaining({ order_total: 150_000, evidence: "only_fit", hints: expect.arrayContaining(["code_missing"]) })
      )
      expect(candidates[0].order.id).toBe(order_id)
      const matched = await admin("POST", `/admin/moota/review-items/${item.id}/match`, { order_id, note: "Buyer sent the edit's amount" })
      expect(matched.status).toBe(200)
      await capturedInFull(order_id, 315_000)
    })
  })

  describe("an order edit on an awaiting order", () => {
    it("edit then transfer: the amount shown before the edit is captured for what it covers, then only the rest is asked", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await addItemByOrderEdit(order_id)
      const before = await buyerPayment(order_id)
      // The instructions the buyer already has stay valid, and the card knows the order now owes more.
      expect(before).toEqual(expect.objectContaining({ status: "awaiting", transfer_amount: session.data.transfer_amount, outstanding: 315_000 }))
      // The buyer is told the total changed, to send the amount they have, and that the rest comes after.
      const [told] = await eventually(async () => ((await requestMessages(order_id)).length ? requestMessages(order_id) : null), 30_000)
      expect(told.data.subject).toMatch(/^Total pesanan #\d+ berubah$/)
      expect(told.data.text).toContain(`transfer tepat Rp${session.data.transfer_amount.toLocaleString("id-ID")}`)
      expect(told.data.text).toContain("sisanya Rp150.000")
      expect(told.data.request).toEqual(expect.objectContaining({ outstanding: 315_000, additional: false, remains_after: 150_000 }))

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
      await capturedInFull(order_id, 315_000)
      expect((await buyerPayment(order_id)).status).toBe("paid")
      for (const [amount, captured] of await paymentsFullyCaptured(order_id)) expect(captured).toBe(amount)
    })

    it("edit then transfer, read while the confirmation ends: never asks the received amount again, then asks only the rest", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await addItemByOrderEdit(order_id)
      await transfer(session.data.transfer_amount)
      await capturedReaches(order_id, 165_000)
      // Hold the moment between Medusa's capture and the confirmation's end (the inbox row still matched).
      const [reservation] = await moota().listMootaReservations({ session_id: session.id })
      const [row] = await moota().listMootaInboxMutations({ reservation_id: reservation.id, status: "processed" })
      await moota().updateMootaInboxMutations({ id: row.id, status: "matched" })
      // A read that outlasts the wait: received, the rest still owed, and the card keeps asking.
      const during = await buyerPayment(order_id)
      expect(during).toEqual(expect.objectContaining({ status: "paid", transfer_amount: session.data.transfer_amount, outstanding: 150_000 }))
      // The payment link of the collection it paid (the admin's Copy payment link) never asks it again either.
      const pc = (await orderMoneyCollections(order_id)).find((c: any) => Number(c.captured_amount) > 0)
      const linked = await admin("get", `/store/moota/payments/collection/${pc.id}?order_id=${order_id}&email=${encodeURIComponent(EMAIL)}`, undefined, store.storeHeaders)
      expect(linked.status).toBe(200)
      expect(linked.data.payment).toEqual(expect.objectContaining({ status: "paid", transfer_amount: session.data.transfer_amount }))
      // A read made as the confirmation ends waits for it, then asks only the rest.
      const t0 = Date.now()
      const reading = buyerPayment(order_id)
      await new Promise((r) => setTimeout(r, 1_000))
      await moota().updateMootaInboxMutations({ id: row.id, status: "processed" })
      const rest = await reading
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_000) // it did wait for the confirmation
      expect(rest).toEqual(expect.objectContaining({ status: "awaiting", order_total: 150_000, outstanding: 150_000 }))
      expect(rest.transfer_amount).not.toBe(session.data.transfer_amount)
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

  describe("an exchange and a claim on a paid order (Medusa's own routes)", () => {
    /** Pays the order through Moota, then fulfills it: an exchange or claim takes fulfilled items. */
    const paidAndFulfilled = async () => {
      const placed = await placeMootaOrder(store)
      await transfer(placed.session.data.transfer_amount)
      await capturedReaches(placed.order_id, 165_000)
      return { ...placed, item: await fulfillAll(placed.order_id) }
    }
    /** What the buyer is asked once the change opened its Moota payment: Medusa's own difference, never more. */
    const askedExactly = async (orderId: string) => {
      const money = await addedPaymentOpens(orderId)
      // Medusa's word: what the collection it opened for the change asks.
      const due = await changes.collectionsOwe(store, orderId)
      expect(due).toBeGreaterThan(0)
      expect(money.outstanding).toBe(due)
      const asked = await buyerPayment(orderId)
      expect(asked).toEqual(expect.objectContaining({ status: "awaiting", purpose: "additional", order_total: due, outstanding: due }))
      expect(asked.transfer_amount - due).toBeGreaterThanOrEqual(0)
      expect(asked.transfer_amount - due).toBeLessThan(1000)
      const [told] = await eventually(async () => ((await requestMessages(orderId)).length ? requestMessages(orderId) : null), 30_000)
      expect(told.data.request).toEqual(expect.objectContaining({ outstanding: due, additional: true, remains_after: 0 }))
      return { due, asked }
    }

    it("an exchange for two of the item: the difference is asked by Moota, paid, and the order ends settled", async () => {
      const { order_id, item } = await paidAndFulfilled()
      await changes.exchangeItem(store, order_id, item.id, { quantity: 2 })

      const { due, asked } = await askedExactly(order_id)
      await transfer(asked.transfer_amount)
      await capturedReaches(order_id, 165_000 + due)
      expect(await changes.collectionsOwe(store, order_id)).toBe(0)
      expect(await buyerPayment(order_id)).toEqual(expect.objectContaining({ status: "paid", outstanding: 0 }))
      for (const [amount, captured] of await paymentsFullyCaptured(order_id)) expect(captured).toBe(amount)
    })

    it("a claim replacing the item with a dearer one: the difference is asked by a Moota VA with the order's phone, and paid", async () => {
      const { order_id, item } = await paidAndFulfilled()
      await changes.claimReplacing(store, order_id, item.id, 200_000)

      const { due } = await askedExactly(order_id)
      // The buyer picks the shop's Moota VA on the payment link: buyer details come from the order, not a cart.
      const pc = (await orderMoneyCollections(order_id)).find((c: any) => c.status !== "completed")
      const { payment_collection } = await store.storeApi("POST", `/store/payment-collections/${pc.id}/payment-sessions`, {
        provider_id: "pp_moota_moota",
        data: { bank_id: "vaBcaSandbx1" },
      })
      const va = payment_collection.payment_sessions.find((s: any) => s.provider_id === "pp_moota_moota")
      expect(va.data.order_total).toBe(due)
      expect(sandbox().state.transactions.at(-1)!.customer.phone).toMatch(/81234567890$/)
      await sandbox().payTransaction({ va_number: va.data.moota_transaction.va_number })
      await capturedReaches(order_id, 165_000 + due)
      expect(await buyerPayment(order_id)).toEqual(expect.objectContaining({ status: "paid", outstanding: 0 }))
    })

    it("an exchange that owes the buyer money opens no payment and asks nothing", async () => {
      const { order_id, item } = await paidAndFulfilled()
      await changes.exchangeItem(store, order_id, item.id, { quantity: 1, unitPrice: 100_000 })
      // The shop owes the buyer: Medusa opens no collection, and nothing is asked.
      expect(await changes.collectionsOwe(store, order_id)).toBe(0)
      // Give the subscriber time to act if it were going to.
      await new Promise((r) => setTimeout(r, 1500))
      const { money } = (await admin("get", `/admin/moota/orders/${order_id}`)).data
      expect(money).toEqual(expect.objectContaining({ outstanding: 0, can_request_payment: false }))
      expect(money.payments.map((p: any) => p.status)).toEqual(["paid"])
      expect(await requestMessages(order_id)).toEqual([])
      expect((await buyerPayment(order_id)).status).toBe("paid")
    })
  })

  describe("a transfer whose webhook was lost", () => {
    it("is found by the buyer's 'I have transferred' at once, not by the next reconciliation", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount, push: false })
      const { payment } = await store.storeApi("POST", `/store/moota/payments/order/${order_id}/check`, { email: EMAIL })
      expect(payment.status).not.toBe("canceled")
      await capturedInFull(order_id, 165_000)
    })

    it("is found by Medusa's own Check status button, as by the widget's Check now", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount, push: false })
      // Another amount on the account is not taken for this order.
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount + 1, push: false })
      const res = await admin("POST", `/admin/orders/${order_id}/payment-sessions/authorize`, { payment_session_id: session.id })
      expect(res.status).toBe(200)
      await capturedInFull(order_id, 165_000)
      const inbox = await moota().listMootaInboxMutations({})
      expect(inbox.map((r) => Number(r.amount))).toEqual([session.data.transfer_amount])
    })
  })

  describe("a draft order (chat commerce)", () => {
    it("has no payment until the merchant requests one; the request opens it once and it gets paid", async () => {
      const order = await convertedDraftOrder(store)

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
      await capturedInFull(order.id, Number(order.total))
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
      const order = await convertedDraftOrder(store)
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
      // Medusa sets the order's payment status a moment after the capture: wait for both.
      await capturedInFull(order.id, total)
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

  async function openReviewItem(amount: number) {
    const { data } = await admin("get", `/admin/moota/review-items?status=open`)
    return (data.review_items as any[]).find((i) => i.amount === amount) ?? null
  }
  describe("refunds followed through to the bank", () => {
    const mootaPaymentOf = (orderId: string) => changes.mootaPaymentOf(store, orderId)
    const toSend = async (status = "to_send") => (await store.adminApi("GET", `/admin/moota/refunds?status=${status}`)).refunds as any[]
    /** The shop's own outgoing transfer, pushed by the sandbox, once the inbox decided it. */
    const debit = async (amount: number) => {
      const { deliveries } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount, type: "DB" })
      expect(deliveries.map((d) => d.status)).toEqual([200])
      await eventually(async () => {
        const rows = (await moota().listMootaInboxMutations({ type: "DB", amount })) as any[]
        return rows.length && rows.every((r) => r.status === "processed") ? rows : null
      }, 30_000)
    }
    const paidOrder = async () => {
      const placed = await placeMootaOrder(store)
      await transfer(placed.session.data.transfer_amount)
      await capturedReaches(placed.order_id, 165_000)
      return placed
    }

    it("a refund through Medusa's refund route waits to be sent; only the shop's debit of that exact amount marks it sent", async () => {
      const { order_id, session } = await paidOrder()
      const payment = await mootaPaymentOf(order_id)
      await store.adminApi("POST", `/admin/payments/${payment.id}/refund`, { amount: 50_000 })

      const [listed] = await toSend()
      const { order } = await store.adminApi("GET", `/admin/orders/${order_id}?fields=id,display_id`)
      expect(listed).toEqual(
        expect.objectContaining({
          order_display_id: order.display_id,
          amount: 50_000,
          paid_amount: session.data.transfer_amount,
          paid_left: session.data.transfer_amount - 50_000,
          status: "to_send",
          days_waiting: 0,
        })
      )
      // The note says what the buyer really paid (unique code included) and that this refund does not cover it all.
      expect(listed.note).toContain(`transferred Rp${session.data.transfer_amount.toLocaleString("id-ID")}`)
      expect(listed.note).toMatch(/stays with the shop/)
      expect((await admin("get", `/admin/moota/orders/${order_id}`)).data.refunds).toEqual([
        expect.objectContaining({ amount: 50_000, status: "to_send", sent_at: null, refund_to_send_id: listed.id }),
      ])
      expect((await buyerPayment(order_id)).refunds).toEqual([expect.objectContaining({ amount: 50_000, status: "to_send", sent_at: null })])

      // Another amount going out is not this refund.
      await debit(49_999)
      expect((await toSend()).map((r) => r.id)).toEqual([listed.id])

      await debit(50_000)
      const [sent] = await eventually(async () => {
        const rows = await toSend("sent")
        return rows.length ? rows : null
      }, 30_000)
      expect(sent).toEqual(expect.objectContaining({ id: listed.id, status: "sent", sent_how: "bank" }))
      expect(await toSend()).toEqual([])
      const view = (await admin("get", `/admin/moota/orders/${order_id}`)).data.refunds
      expect(view).toEqual([expect.objectContaining({ amount: 50_000, status: "sent", sent_at: expect.any(String) })])
      expect((await buyerPayment(order_id)).refunds).toEqual([
        expect.objectContaining({ amount: 50_000, status: "sent", sent_at: expect.any(String) }),
      ])
    })

    it("a canceled paid order's refund is to send; two equal refunds and one debit mark nothing; the merchant marks one sent, audited", async () => {
      const a = await paidOrder()
      const b = await paidOrder()
      await store.adminApi("POST", `/admin/orders/${a.order_id}/cancel`, {})
      await store.adminApi("POST", `/admin/orders/${b.order_id}/cancel`, {})
      const waiting = await toSend()
      expect(waiting.map((r) => r.amount)).toEqual([165_000, 165_000])
      // A full refund still leaves the unique code with the shop: the note says so.
      expect(waiting[0].paid_left).toBe(a.session.data.transfer_amount - 165_000)
      expect((await buyerPayment(a.order_id)).refunds).toEqual([expect.objectContaining({ amount: 165_000, status: "to_send" })])

      // Which order did this debit refund? Nobody can tell: both stay to send.
      await debit(165_000)
      expect((await toSend()).map((r) => r.status)).toEqual(["to_send", "to_send"])

      const first = waiting.find((r) => r.order_id === a.order_id)
      expect((await admin("POST", `/admin/moota/refunds/${first.id}/mark-sent`, {})).status).toBe(400)
      expect((await admin("POST", `/admin/moota/refunds/${first.id}/mark-sent`, { note: "x" })).status).toBe(400)
      expect((await admin("POST", `/admin/moota/refunds/${first.id}/mark-sent`, { note: "cash at the shop", amount: 1 })).status).toBe(400)
      expect((await admin("POST", `/admin/moota/refunds/mrfd_nope/mark-sent`, { note: "cash at the shop" })).status).toBe(404)
      expect((await toSend()).length).toBe(2)

      const marked = await admin("POST", `/admin/moota/refunds/${first.id}/mark-sent`, { note: "cash at the shop" })
      expect(marked.status).toBe(200)
      expect(marked.data.refund).toEqual(expect.objectContaining({ status: "sent", sent_how: "merchant", sent_note: "cash at the shop" }))
      const twice = await admin("POST", `/admin/moota/refunds/${first.id}/mark-sent`, { note: "again" })
      expect(twice.status).toBe(400)
      expect(twice.data.message).toMatch(/already marked as sent/)
      const audits = (await moota().listMootaAuditLogs({ subject_id: first.id })) as any[]
      expect(audits.map((x) => [x.action, x.note])).toEqual([["refund_sent", "cash at the shop"]])
      expect((await buyerPayment(a.order_id)).refunds).toEqual([expect.objectContaining({ status: "sent" })])

      // Now one refund of that amount waits: the next debit of it is that refund.
      await debit(165_000)
      await eventually(async () => ((await toSend()).length === 0 ? true : null), 30_000)
      expect((await buyerPayment(b.order_id)).refunds).toEqual([expect.objectContaining({ status: "sent" })])
    })

    it("a refund still waiting after refundAlertDays raises one merchant alert", async () => {
      const { order_id } = await paidOrder()
      await store.adminApi("POST", `/admin/orders/${order_id}/cancel`, {})
      const later = new Date(Date.now() + 4 * 86_400_000)
      expect((await followMootaRefunds(container(), new Date())).alerted).toBe(0)
      expect((await followMootaRefunds(container(), later)).alerted).toBe(1)
      expect((await followMootaRefunds(container(), later)).alerted).toBe(0)
      const { notifications } = await store.adminApi("GET", "/admin/notifications?channel=feed")
      expect(notifications.map((n: any) => n.data.title)).toContain("Refund belum dikirim")
    })
  })

  async function orderMoneyCollections(orderId: string) {
    const { order } = await store.adminApi("GET", `/admin/orders/${orderId}?fields=id,*payment_collections,*payment_collections.payment_sessions`)
    return order.payment_collections as any[]
  }
})
