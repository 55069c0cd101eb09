import { reconcileMootaMutations } from "../../src/jobs/moota-reconcile"
import { eventually, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { mutation, orderMoney, placeMootaOrder, postWebhook } from "../../test-kit"

/**
 * Issue 16: on a shared business account, credits no order could explain are kept as "other credits"
 * (no review item, no alert, not in the badge), through the webhook and the reconciliation poll, and the
 * merchant can still send one to review or match it to an order by its number.
 */
jest.setTimeout(180_000)

mootaHttpSuite({}, ({ store, api: http, base, container: getContainer, moota, sandbox, admin, withOptions }) => {
  const feed = async () =>
    (await http.get(`/admin/notifications?channel=feed&fields=id,data`, store.adminHeaders)).data.notifications as any[]
  const settled = () =>
    eventually(async () => (await moota().listMootaInboxMutations({ status: ["pending", "matched"] })).length === 0, 60_000)
  const rowOf = async (mutationId: string) => (await moota().listMootaInboxMutations({ mutation_id: mutationId }))[0]

  it("logs 30 small credits of one delivery as other credits: no review item, no alert, not in the badge", async () => {
    const { session } = await placeMootaOrder(store)
    const small = Array.from({ length: 30 }, (_, i) => mutation({ amount: 1_000 + i * 241 }))
    const debits = Array.from({ length: 10 }, (_, i) => mutation({ amount: 2_000 + i, type: "DB" }))
    // A buyer who forgot the unique code: the order total, which no reservation holds exactly.
    const forgot = mutation({ amount: session.data.transfer_amount - session.data.unique_code })
    const body = JSON.stringify([...small, ...debits, forgot])
    expect((await postWebhook(base(), body, signed(body))).status).toBe(200)
    await settled()

    const items = await moota().listMootaReviewItems({})
    expect(items.map((i) => [i.reason, i.amount])).toEqual([["unmatched", forgot.amount]])
    for (const m of small) {
      expect(await rowOf(m.mutation_id as string)).toEqual(expect.objectContaining({ status: "processed", outcome: "ignored_unrelated" }))
    }
    expect((await admin("get", "/admin/moota/review-summary")).data).toEqual(expect.objectContaining({ open: 1, by_reason: { unmatched: 1 } }))
    await eventually(async () => (await feed()).length === 1)
    await new Promise((r) => setTimeout(r, 500))
    expect((await feed()).map((n) => n.data.alert)).toEqual(["review_created"])

    const page = await admin("get", "/admin/moota/other-credits?limit=10&offset=10&order=amount")
    expect(page.status).toBe(200)
    expect(page.data).toEqual(expect.objectContaining({ count: 30, limit: 10, offset: 10 }))
    expect(page.data.other_credits.map((c: any) => c.amount)).toEqual(small.slice(10, 20).map((m) => m.amount))
    expect(page.data.other_credits[0]).toEqual(expect.objectContaining({ kind: "unrelated", type: "CR", bank_id: "bcaSandbox01" }))
    const byAmount = await admin("get", `/admin/moota/other-credits?q=Rp${(1_241).toLocaleString("de-DE")}`)
    expect(byAmount.data.other_credits.map((c: any) => c.mutation_id)).toEqual([small[1].mutation_id])
    expect((await admin("get", "/admin/moota/other-credits?bank_id=mandiriSbox1")).data.count).toBe(0)
    expect((await admin("get", "/admin/moota/other-credits?kind=history")).data.count).toBe(0)
  })

  it("through the reconciliation poll: history before the plugin, other credits after, reviews near an order", async () => {
    const { session } = await placeMootaOrder(store)
    const sb = sandbox()
    const old = await sb.receiveTransfer({
      bank_id: "bcaSandbox01",
      amount: 2_750,
      date: new Date(Date.now() - 36 * 3_600_000).toISOString(),
      push: false,
    })
    const unrelated = await sb.receiveTransfer({ bank_id: "bcaSandbox01", amount: 3_333, push: false })
    const near = await sb.receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount + 2_000, push: false })
    await reconcileMootaMutations(getContainer())
    await settled()

    expect(await rowOf(old.mutation.mutation_id as string)).toEqual(
      expect.objectContaining({ source: "reconcile", outcome: "ignored_history" })
    )
    expect(await rowOf(unrelated.mutation.mutation_id as string)).toEqual(
      expect.objectContaining({ source: "reconcile", outcome: "ignored_unrelated" })
    )
    expect(await rowOf(near.mutation.mutation_id as string)).toEqual(
      expect.objectContaining({ source: "reconcile", outcome: "review_unmatched" })
    )
    const [item] = await moota().listMootaReviewItems({ mutation_id: near.mutation.mutation_id as string })
    expect(item).toEqual(expect.objectContaining({ reason: "unmatched", status: "open" }))
    const history = await admin("get", "/admin/moota/other-credits?kind=history")
    expect(history.data.other_credits.map((c: any) => c.mutation_id)).toContain(old.mutation.mutation_id)
    expect(history.data.other_credits.every((c: any) => c.kind === "history")).toBe(true)
  })

  it("reviews every credit while the merchant asks for it, and only the credits that arrive meanwhile", async () => {
    const before = mutation({ amount: 4_444 })
    const during = mutation({ amount: 5_555 })
    const after = mutation({ amount: 6_666 })
    const deliver = async (m: Record<string, unknown>) => {
      const body = JSON.stringify([m])
      await postWebhook(base(), body, signed(body))
      await settled()
    }
    await deliver(before)
    await withOptions((o) => (o.unrelatedCredits = "review"), () => deliver(during))
    await deliver(after)
    expect((await moota().listMootaReviewItems({})).map((i) => i.amount)).toEqual([5_555])
    expect((await rowOf(before.mutation_id as string)).outcome).toBe("ignored_unrelated")
    expect((await rowOf(after.mutation_id as string)).outcome).toBe("ignored_unrelated")
  })

  describe("admin routes", () => {
    const unrelatedCredit = async (amount = 7_777) => {
      const m = mutation({ amount })
      const body = JSON.stringify([m])
      await postWebhook(base(), body, signed(body))
      await settled()
      return await rowOf(m.mutation_id as string)
    }

    it("answers 401 without an admin session and 400 on bad input", async () => {
      const row = await unrelatedCredit()
      for (const headers of [{}, store.storeHeaders.headers]) {
        for (const [method, url] of [
          ["get", "/admin/moota/other-credits"],
          ["post", `/admin/moota/other-credits/${row.id}/review`],
          ["post", `/admin/moota/other-credits/${row.id}/match`],
        ]) {
          expect([url, (await admin(method, url, { note: "x" }, { headers } as any)).status]).toEqual([url, 401])
        }
      }
      const bad: [string, string, unknown, RegExp][] = [
        ["get", "/admin/moota/other-credits?kind=unmatched", undefined, /kind must be one of: unrelated, history; got: unmatched/],
        ["get", "/admin/moota/other-credits?limit=500", undefined, /limit/],
        ["get", "/admin/moota/other-credits?created_after=yesterday", undefined, /created_after must be an ISO 8601 date/],
        ["post", `/admin/moota/other-credits/${row.id}/review`, {}, /note/],
        ["post", `/admin/moota/other-credits/${row.id}/review`, { note: "ok, check", extra: 1 }, /extra/],
        ["post", `/admin/moota/other-credits/${row.id}/match`, { note: "buyer paid" }, /display_id/],
        ["post", `/admin/moota/other-credits/${row.id}/match`, { note: "buyer paid", display_id: "twelve" }, /display_id must be an order number/],
        ["post", `/admin/moota/other-credits/${row.id}/match`, { note: "x", display_id: 1 }, /note must be at least 3 characters/],
      ]
      for (const [method, url, body, message] of bad) {
        const res = await admin(method, url, body)
        expect([url, res.status]).toEqual([url, 400])
        expect(res.data.message).toMatch(message)
      }
      expect((await rowOf(row.mutation_id)).outcome).toBe("ignored_unrelated")
      expect(await moota().listMootaAuditLogs({})).toHaveLength(0)
    })

    it("sends an other credit to the review queue, audited, once", async () => {
      const row = await unrelatedCredit()
      const res = await admin("post", `/admin/moota/other-credits/${row.id}/review`, { note: "maybe a marketplace order" })
      expect(res.status).toBe(200)
      expect(res.data.review_item).toEqual(
        expect.objectContaining({ reason: "unmatched", status: "open", amount: 7_777, mutation: expect.objectContaining({ inbox_id: row.id }) })
      )
      expect((await admin("get", "/admin/moota/review-summary")).data.open).toBe(1)
      expect((await admin("get", "/admin/moota/other-credits")).data.count).toBe(0)
      expect(await moota().listMootaAuditLogs({ subject_id: row.id })).toEqual([
        expect.objectContaining({ action: "to_review", note: "maybe a marketplace order" }),
      ])
      const again = await admin("post", `/admin/moota/other-credits/${row.id}/review`, { note: "again please" })
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(/not among the other credits/)
      expect(await moota().listMootaReviewItems({})).toHaveLength(1)
      expect((await admin("post", "/admin/moota/other-credits/minb_missing/review", { note: "nothing" })).status).toBe(404)
    })

    it("matches an other credit to an order by its number, through the audited manual match", async () => {
      const { order_id } = await placeMootaOrder(store)
      const { data } = await http.get(`/admin/orders/${order_id}?fields=display_id`, store.adminHeaders)
      const row = await unrelatedCredit(8_000)

      const unknown = await admin("post", `/admin/moota/other-credits/${row.id}/match`, { note: "paid in two parts", display_id: 999_999 })
      expect(unknown.status).toBe(404)
      expect(unknown.data.message).toMatch(/Order #999999 not found/)

      // Rp8.000 for a Rp165.000 order: only with the reason for the difference (issue 14).
      const res = await admin("post", `/admin/moota/other-credits/${row.id}/match`, {
        note: "paid in two parts",
        display_id: `#${data.order.display_id}`,
        override_reason: "the rest came in cash",
      })
      expect(res.status).toBe(200)
      expect(res.data).toEqual(expect.objectContaining({ order_id, mutation: expect.objectContaining({ outcome: "captured" }) }))
      const p = await orderMoney(store, order_id)
      expect([p.payments, p.captured]).toEqual([1, 165_000])
      expect(await moota().listMootaAuditLogs({ subject_id: row.id })).toEqual([
        expect.objectContaining({ action: "match", note: "paid in two parts" }),
      ])
      const again = await admin("post", `/admin/moota/other-credits/${row.id}/match`, { note: "again", display_id: data.order.display_id })
      expect(again.status).toBe(400)
      expect((await orderMoney(store, order_id)).payments).toBe(1)
    })
  })
})
