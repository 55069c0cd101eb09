import { eventually } from "../../helpers/moota"
import { orderMoney, placeMootaOrder } from "../../../test-kit"
import type { AdminSpec } from "./context"

/** The review queue: list, summary, detail, match, dismiss, filters and paging. */
export function reviewQueueTests({ store, api: http, moota, sandbox, admin, adminId, paid, openItems, reviewItem }: AdminSpec): void {
  describe("review queue", () => {
    /**
     * The queue's own mechanics on credits no order explains (a shared account logs those as other
     * credits by default): as a merchant who reviews every credit sees them.
     */
    const reviewingEverything = async (fn: () => Promise<void>) => {
      const options = moota().getOptions()
      options.unrelatedCredits = "review"
      try {
        await fn()
      } finally {
        options.unrelatedCredits = "log"
      }
    }

    it("lists an unmatched transfer with its reason and suggests the order it was probably for", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      const amount = session.data.transfer_amount + 1
      const { mutation } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount })
      const item = await reviewItem()

      const list = await admin("get", "/admin/moota/review-items?status=open")
      expect(list.status).toBe(200)
      expect(list.data).toEqual(expect.objectContaining({ count: 1, limit: 20, offset: 0 }))
      expect(list.data.review_items[0]).toEqual(
        expect.objectContaining({
          id: item.id,
          reason: "unmatched",
          status: "open",
          amount,
          mutation: expect.objectContaining({ mutation_id: mutation.mutation_id, description: mutation.description }),
        })
      )
      const summary = await admin("get", "/admin/moota/review-summary")
      expect(summary.data).toEqual({
        open: 1,
        by_reason: { unmatched: 1 },
        accounts: [
          // Enough to name each account in words; never a whole account number.
          { bank_id: "bcaSandbox01", bank: "BCA", kind: "bank", account_holder: "TOKO CONTOH", account_number_masked: "******7890" },
          { bank_id: "mandiriSbox1", bank: "Mandiri", kind: "bank", account_holder: "TOKO CONTOH", account_number_masked: "*********5678" },
          { bank_id: "qrisSandbox1", bank: "QRIS", kind: "qris", account_holder: "TOKO CONTOH", account_number_masked: null },
        ],
      })

      const detail = await admin("get", `/admin/moota/review-items/${item.id}`)
      expect(detail.status).toBe(200)
      expect(detail.data.candidates).toEqual([
        expect.objectContaining({
          reservation_id: session.data.reservation_id,
          status: "awaiting",
          difference: 1,
          hints: [],
          matchable: true,
          order: expect.objectContaining({ id: order_id }),
        }),
      ])
      expect((await admin("get", "/admin/moota/review-items/mrev_missing")).status).toBe(404)
    })

    it("matches a transfer to an order: one capture, audited, the item resolved; a second attempt is refused", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount - 1 })
      const item = await reviewItem()

      const res = await admin("post", `/admin/moota/review-items/${item.id}/match`, {
        reservation_id: session.data.reservation_id,
        note: "Buyer sent one rupiah less",
      })
      expect(res.status).toBe(200)
      expect(res.data).toEqual(
        expect.objectContaining({
          order_id,
          review_item: expect.objectContaining({ status: "resolved", resolution: "matched", resolved_by: adminId() }),
        })
      )
      const p = await paid(order_id)
      expect(p).toEqual(expect.objectContaining({ payments: 1, captured: 165_000 }))
      const { data: widget } = await admin("get", `/admin/moota/orders/${order_id}`)
      expect(widget.payment.paid).toEqual(
        expect.objectContaining({ received_amount: session.data.transfer_amount - 1, by: expect.objectContaining({ id: adminId() }) })
      )
      expect(widget.payment.mutation.amount).toBe(session.data.transfer_amount - 1)
      const [audit] = await moota().listMootaAuditLogs({ action: "match" })
      expect(audit).toEqual(expect.objectContaining({ actor_id: adminId(), note: "Buyer sent one rupiah less", subject_id: item.inbox_mutation_id }))

      const again = await admin("post", `/admin/moota/review-items/${item.id}/match`, {
        reservation_id: session.data.reservation_id,
        note: "twice",
      })
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(/already been resolved/)

      // Another transfer cannot pay the same order again either.
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount + 5 })
      const second = await reviewItem()
      const refused = await admin("post", `/admin/moota/review-items/${second.id}/match`, {
        reservation_id: session.data.reservation_id,
        note: "second transfer",
      })
      expect(refused.status).toBe(400)
      expect(refused.data.message).toMatch(/already been received/)
      expect((await orderMoney(store, order_id)).payments).toBe(1)
      expect((await moota().retrieveMootaReviewItem(second.id)).status).toBe("open")
    })

    it("refuses to match a transfer to a canceled order", async () => {
      const { order_id, session } = await placeMootaOrder(store)
      await http.post(`/admin/orders/${order_id}/cancel`, {}, store.adminHeaders)
      await eventually(async () => (await moota().getReservationBySession(session.id))?.status === "quarantined")
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
      const item = await reviewItem()
      expect(item.reason).toBe("canceled")
      const detail = await admin("get", `/admin/moota/review-items/${item.id}`)
      expect(detail.data.candidates[0]).toEqual(expect.objectContaining({ hints: ["matcher", "exact_amount"], matchable: false }))
      const res = await admin("post", `/admin/moota/review-items/${item.id}/match`, { order_id, note: "match anyway" })
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/is canceled/)
      expect((await orderMoney(store, order_id)).payments).toBe(0)
      expect((await moota().retrieveMootaReviewItem(item.id)).status).toBe("open")
    })

    it("refuses a bad match request with a precise 400 and changes nothing", async () => {
      const { session } = await placeMootaOrder(store)
      await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount + 2 })
      const item = await reviewItem()
      const cases: [unknown, number, RegExp][] = [
        [{ note: "which one?" }, 400, /exactly one of reservation_id or order_id/],
        [{ note: "both", reservation_id: "mres_1", order_id: "order_1" }, 400, /exactly one of reservation_id or order_id/],
        [{ note: "x", reservation_id: session.data.reservation_id }, 400, /note must be at least 3 characters/],
        [{ note: "bad id", reservation_id: "payses_1" }, 400, /reservation_id must be a Moota payment id/],
        [{ note: "no such payment", reservation_id: "mres_missing" }, 404, /Moota payment mres_missing not found/],
        [{ note: "no such order", order_id: "order_missing" }, 404, /Order order_missing not found/],
      ]
      for (const [body, status, message] of cases) {
        const res = await admin("post", `/admin/moota/review-items/${item.id}/match`, body)
        expect([body, res.status, res.data.message]).toEqual([body, status, expect.stringMatching(message)])
      }
      expect((await moota().retrieveMootaReviewItem(item.id)).status).toBe("open")
      expect(await moota().listMootaAuditLogs({})).toHaveLength(0)
    })

    it("dismisses with a note (audited); a second dismissal is refused", async () => {
      await reviewingEverything(async () => {
        await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: 777_777 })
        await reviewItem()
      })
      const item = await reviewItem()
      expect((await admin("post", `/admin/moota/review-items/${item.id}/dismiss`, {})).status).toBe(400)
      const res = await admin("post", `/admin/moota/review-items/${item.id}/dismiss`, { note: "Owner topped up the account" })
      expect(res.status).toBe(200)
      expect(res.data.review_item).toEqual(expect.objectContaining({ status: "dismissed", resolved_by: adminId() }))
      const [audit] = await moota().listMootaAuditLogs({ action: "dismiss" })
      expect(audit).toEqual(expect.objectContaining({ actor_id: adminId(), subject_id: item.id, note: "Owner topped up the account" }))
      const again = await admin("post", `/admin/moota/review-items/${item.id}/dismiss`, { note: "again" })
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(/already been resolved/)
      const missing = await admin("post", "/admin/moota/review-items/mrev_missing/dismiss", { note: "nothing" })
      expect(missing.status).toBe(404)
      expect((await admin("get", "/admin/moota/review-summary")).data.open).toBe(0)
    })

    it("filters and paginates the queue", async () => {
      await reviewingEverything(async () => {
        for (const amount of [100_001, 100_002, 100_003]) {
          await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount })
        }
        await sandbox().receiveTransfer({ bank_id: "mandiriSbox1", amount: 200_001 })
        await eventually(async () => (await openItems()).length === 4)
      })
      const [dismiss] = await moota().listMootaReviewItems({ amount: 100_002 })
      await admin("post", `/admin/moota/review-items/${dismiss.id}/dismiss`, { note: "not a sale" })

      const page1 = await admin("get", "/admin/moota/review-items?status=open&limit=2&order=amount")
      expect(page1.data.count).toBe(3)
      expect(page1.data.review_items.map((i: any) => i.amount)).toEqual([100_001, 100_003])
      const page2 = await admin("get", "/admin/moota/review-items?status=open&limit=2&offset=2&order=amount")
      expect(page2.data.review_items.map((i: any) => i.amount)).toEqual([200_001])
      const byBank = await admin("get", "/admin/moota/review-items?bank_id=mandiriSbox1")
      expect(byBank.data.count).toBe(1)
      const byStatus = await admin("get", "/admin/moota/review-items?status=resolved,dismissed")
      expect(byStatus.data.review_items.map((i: any) => i.amount)).toEqual([100_002])
      const byAmount = await admin("get", "/admin/moota/review-items?q=Rp100.003")
      expect(byAmount.data.review_items.map((i: any) => i.amount)).toEqual([100_003])
      const byReason = await admin("get", "/admin/moota/review-items?reason=ambiguous")
      expect(byReason.data.count).toBe(0)
      const future = await admin("get", `/admin/moota/review-items?created_after=${new Date(Date.now() + 60_000).toISOString()}`)
      expect(future.data.count).toBe(0)
    })

    it("refuses a bad queue query with a precise 400", async () => {
      const cases: [string, RegExp][] = [
      ["status=waiting", /status must be one of: open, resolved, dismissed; got: waiting/],
      ["reason=late,unmatched", /reason must be one of: unmatched, ambiguous, .*; got: late/],
      ["limit=1000", /Value for field 'limit' too big, expected at most: '100'/],
      ["offset=-1", /offset/],
      ["created_after=yesterday", /created_after must be an ISO 8601 date/],
      ["order=name", /order/],
      ["page=2", /Unrecognized fields: 'page'/],
      ]
      for (const [query, message] of cases) {
        const res = await admin("get", `/admin/moota/review-items?${query}`)
        expect([query, res.status, res.data.message]).toEqual([query, 400, expect.stringMatching(message)])
      }
    })
  })
}
