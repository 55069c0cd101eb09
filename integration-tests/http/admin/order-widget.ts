import { eventually } from "../../helpers/moota"
import { cartReadyForPayment, orderMoney, placeMootaOrder } from "../../../test-kit"
import { writeBackMootaTags } from "../../../src/jobs/moota-write-back"
import type { AdminSpec } from "./context"

/** The order widget's routes: the payment, Check now, Mark as paid and Release. */
export function orderWidgetTests({ store, api: http, container: getContainer, moota, sandbox, admin, adminId, paid, reviewItem }: AdminSpec): void {
  describe("order widget", () => {
    it("shows the instructions of an order awaiting its transfer, then the transfer that paid it", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const before = await admin("get", `/admin/moota/orders/${order_id}`)
      expect(before.status).toBe(200)
      const p = before.data.payment
      expect(p).toEqual(
        expect.objectContaining({
          status: "awaiting",
          order_total: 165_000,
          unique_code: session.data.unique_code,
          transfer_amount: session.data.transfer_amount,
          expires_at: session.data.expires_at,
          paid: null,
          mutation: null,
          transaction: null,
          actions: { check: true, mark_paid: true, release: true },
        })
      )
      expect(p.accounts.map((a: any) => a.bank_id)).toEqual(["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"])
      expect(p.timeline.map((e: any) => e.type)).toEqual(["reserved", "awaiting"])

      const { mutation } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      await paid(order_id)
      const after = await eventually(async () => {
        const res = await admin("get", `/admin/moota/orders/${order_id}`)
        return res.data.payment.mutation ? res.data.payment : null
      })
      expect(after.status).toBe("paid")
      expect(after.timeline.map((e: any) => e.type)).toEqual(["reserved", "awaiting", "paid"])
      expect(after.paid).toEqual(expect.objectContaining({ source: "webhook", by: null, received_amount: session.data.transfer_amount }))
      expect(after.mutation).toEqual(
        expect.objectContaining({
          mutation_id: mutation.mutation_id,
          amount: session.data.transfer_amount,
          description: mutation.description,
          account_number_masked: "******7890",
        })
      )
      expect(after.actions).toEqual({ check: false, mark_paid: false, release: false })
    })

    it("answers payment null for an order paid another way, and 404 for an unknown order", async () => {
      const cart = await cartReadyForPayment(store)
      const { data: pc } = await http.post("/store/payment-collections", { cart_id: cart.id }, store.storeHeaders)
      await http.post(
        `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
        { provider_id: "pp_system_default" },
        store.storeHeaders
      )
      const { data: completed } = await http.post(`/store/carts/${cart.id}/complete`, {}, store.storeHeaders)
      const other = await admin("get", `/admin/moota/orders/${completed.order.id}`)
      // Authorized by another provider: nothing owed, nothing for Moota to ask.
      expect(other).toEqual({
        status: 200,
        data: { payment: null, refunds: [], money: expect.objectContaining({ payments: [], outstanding: 0, can_request_payment: false }) },
      })
      const missing = await admin("get", "/admin/moota/orders/order_missing")
      expect(missing.status).toBe(404)
      expect((await admin("post", `/admin/moota/orders/${completed.order.id}/check`)).status).toBe(404)
    })

    it("checks now through Moota (throttled), and refuses a body", async () => {
      const { order_id } = await placeMootaOrder(store)
      const first = await admin("post", `/admin/moota/orders/${order_id}/check`)
      expect(first.status).toBe(200)
      expect(first.data.payment.refreshed.sort()).toEqual(["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"])
      const second = await admin("post", `/admin/moota/orders/${order_id}/check`)
      expect(second.data.payment.throttled).toHaveLength(3)
      const bad = await admin("post", `/admin/moota/orders/${order_id}/check`, { refresh: false })
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/refresh/)
    })

    it("refuses mark as paid without a proper note or with a bad field (400), and changes nothing", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const cases: [unknown, RegExp][] = [
        [{}, /Field 'note' is required/],
        [{ note: "ok" }, /note must be at least 3 characters/],
        [{ note: 12345 }, /Expected type: 'string' for field 'note'/],
        [{ note: "paid at the counter", amount: 1 }, /Unrecognized fields: 'amount'/],
        [{ note: "paid at the counter", bank_id: "bniUnknown" }, /Account bniUnknown was not offered for this payment/],
      ]
      for (const [body, message] of cases) {
        const res = await admin("post", `/admin/moota/orders/${order_id}/mark-paid`, body)
        expect([body, res.status, res.data.message]).toEqual([body, 400, expect.stringMatching(message)])
      }
      expect((await moota().getReservationBySession(session.id))?.status).toBe("awaiting")
      expect(await moota().listMootaInboxMutations({})).toHaveLength(0)
      expect(await moota().listMootaAuditLogs({})).toHaveLength(0)
    })

    it("marks as paid: one capture of the order amount, by this admin, with the note; a second time is refused", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const res = await admin("post", `/admin/moota/orders/${order_id}/mark-paid`, {
        note: "Transfer seen in the BCA app",
        bank_id: "mandiriSbox1",
      })
      expect(res.status).toBe(200)
      expect(res.data.payment).toEqual(
        expect.objectContaining({
          status: "paid",
          paid: expect.objectContaining({
            bank_id: "mandiriSbox1",
            source: "manual",
            received_amount: session.data.transfer_amount,
            by: expect.objectContaining({ id: adminId(), email: "admin@toko-contoh.test" }),
          }),
        })
      )
      expect(res.data.payment.history).toEqual([
        expect.objectContaining({ action: "match", note: "Transfer seen in the BCA app", actor: expect.objectContaining({ id: adminId() }) }),
      ])
      const p = await paid(order_id)
      expect(p.payments).toBe(1)
      expect(p.captured).toBe(165_000)

      const again = await admin("post", `/admin/moota/orders/${order_id}/mark-paid`, { note: "clicked twice" })
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(/already been received/)
      const after = await orderMoney(store, order_id)
      expect(after.payments).toBe(1)
      expect(after.captured).toBe(165_000)
      expect(await moota().listMootaAuditLogs({ action: "match" })).toHaveLength(1)
    })

    it("never writes a manual mark back to Moota: Moota has no such mutation", async () => {
      const { order_id } = await placeMootaOrder(store)
      const tags = sandbox().state.tags.length
      const res = await admin("post", `/admin/moota/orders/${order_id}/mark-paid`, { note: "Cash at the counter" })
      expect(res.status).toBe(200)
      expect(res.data.payment.paid).toEqual(expect.objectContaining({ source: "manual", note: "Cash at the counter" }))
      const [row] = await moota().listMootaInboxMutations({ source: "manual" })
      expect(row).toEqual(expect.objectContaining({ status: "processed", write_back_status: "none" }))
      expect(await writeBackMootaTags(getContainer())).toEqual({ done: 0, failed: 0 })
      // A manual row queued before this rule existed is skipped too, not sent to /tagging/mutation/manual-….
      await moota().updateMootaInboxMutations({ id: row.id, write_back_status: "pending" })
      expect(await writeBackMootaTags(getContainer())).toEqual({ done: 0, failed: 0 })
      expect(sandbox().state.tags).toHaveLength(tags)
    })

    it("refuses to mark a canceled order as paid and leaves no manual transfer behind", async () => {
      const { order_id } = await placeMootaOrder(store)
      await http.post(`/admin/orders/${order_id}/cancel`, {}, store.adminHeaders)
      const res = await admin("post", `/admin/moota/orders/${order_id}/mark-paid`, { note: "customer says paid" })
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/is canceled/)
      expect(await moota().listMootaInboxMutations({})).toHaveLength(0)
      expect((await orderMoney(store, order_id)).payments).toBe(0)
    })

    it("releases an awaiting payment (audited, amount kept in quarantine); its transfer then goes to review and can be matched to the order", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      expect((await admin("post", `/admin/moota/orders/${order_id}/release`, {})).status).toBe(400)

      const res = await admin("post", `/admin/moota/orders/${order_id}/release`, { note: "buyer pays cash" })
      expect(res.status).toBe(200)
      expect(res.data.payment.status).toBe("released")
      expect(res.data.payment.timeline.map((e: any) => e.type)).toEqual(["reserved", "awaiting", "released"])
      expect(res.data.payment.actions).toEqual({ check: false, mark_paid: true, release: false })
      expect(res.data.payment.history).toEqual([
        expect.objectContaining({ action: "release", note: "buyer pays cash", actor: expect.objectContaining({ id: adminId() }) }),
      ])
      // Still held through the quarantine: no newer order can get this amount while a transfer may come.
      const holds = await moota().listMootaAmountHolds({ reservation_id: session.data.reservation_id, active: true })
      expect(holds.map((h) => [h.bank_id, h.amount]).sort()).toEqual(
        session.data.accounts.map((a: any) => [a.bank_id, session.data.transfer_amount]).sort()
      )
      const twice = await admin("post", `/admin/moota/orders/${order_id}/release`, { note: "again" })
      expect(twice.status).toBe(400)
      expect(twice.data.message).toMatch(/released/)

      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      const item = await reviewItem()
      expect(item.reason).toBe("unmatched")
      expect((await orderMoney(store, order_id)).payments).toBe(0)
      const matched = await admin("post", `/admin/moota/review-items/${item.id}/match`, { order_id, note: "buyer paid after all" })
      expect(matched.status).toBe(200)
      expect((await paid(order_id)).payments).toBe(1)
    })
  })
}
