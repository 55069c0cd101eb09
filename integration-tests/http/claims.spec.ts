import { reconcileMootaMutations } from "../../src/jobs/moota-reconcile"
import { eventually, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { mutation, orderMoney, placeMootaOrder, postWebhook } from "../../test-kit"

/**
 * Issue 14, the buyer's side: a buyer whose transfer went to review is told so (and follows the
 * merchant's decision), and a buyer can report a transfer ("Konfirmasi pembayaran"), which the
 * merchant sees and which never captures money by itself.
 */
jest.setTimeout(180_000)

const EMAIL = "budi@example.com"
// Smallest valid PNG signature plus a few bytes: what the route checks is the magic number.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])

mootaHttpSuite({}, ({ store, api: http, base, container: getContainer, moota }) => {
  const call = async (method: "get" | "post", url: string, body: unknown, headers: { headers: Record<string, string> }) => {
    const config = { ...headers, validateStatus: () => true, maxBodyLength: Infinity }
    const res = method === "get" ? await http.get(url, config) : await http.post(url, body ?? {}, config)
    return { status: res.status, data: res.data, headers: (res as unknown as { headers: Record<string, string> }).headers }
  }
  const admin = (method: "get" | "post", url: string, body?: unknown) => call(method, url, body, store.adminHeaders)
  const buyer = (orderId: string) => call("get", `/store/moota/payments/order/${orderId}?email=${EMAIL}`, undefined, store.storeHeaders)
  const claim = (orderId: string, body: Record<string, unknown>) =>
    call("post", `/store/moota/payments/order/${orderId}/claims`, { email: EMAIL, ...body }, store.storeHeaders)
  const claimBody = (over: Record<string, unknown> = {}) => ({
    amount: 165_000,
    bank: "BCA",
    sender_name: "Budi Santoso",
    transferred_at: new Date().toISOString(),
    ...over,
  })
  const settled = () =>
    eventually(async () => (await moota().listMootaInboxMutations({ status: ["pending", "matched"] })).length === 0, 60_000)
  async function deliver(amount: number) {
    const m = mutation({ amount })
    const body = JSON.stringify([m])
    expect((await postWebhook(base(), body, signed(body))).status).toBe(200)
    await settled()
    return m
  }
  const itemOf = async (mutationId: string) => (await moota().listMootaReviewItems({ mutation_id: mutationId }))[0]

  it("a buyer who mis-paid is told the store is checking it, then sees Paid once the merchant matches", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    expect((await buyer(order_id)).data.payment.review).toBeUndefined()
    // Rp165.000 instead of Rp165.xxx: the money arrived, no reservation holds that amount.
    const m = await deliver(session.data.order_total)
    const item = await itemOf(m.mutation_id as string)
    expect(item).toEqual(expect.objectContaining({ status: "open", reason: "unmatched" }))

    const waiting = await buyer(order_id)
    expect(waiting.status).toBe(200)
    expect(waiting.data.payment).toEqual(
      expect.objectContaining({
        status: "awaiting",
        review: { state: "checking", amount: 165_000, amount_formatted: "Rp165.000", received_at: expect.any(String) },
      })
    )
    // "I have transferred" answers the same: the transfer is there, with the store.
    const check = await call("post", `/store/moota/payments/order/${order_id}/check`, { email: EMAIL }, store.storeHeaders)
    expect(check.data.payment.review.state).toBe("checking")

    const matched = await admin("post", `/admin/moota/review-items/${item.id}/match`, { order_id, note: "forgot the code" })
    expect(matched.status).toBe(200)
    const paid = (await buyer(order_id)).data.payment
    expect(paid.status).toBe("paid")
    expect(paid.review).toBeUndefined()
    expect(await orderMoney(store, order_id)).toEqual(expect.objectContaining({ payment_status: "captured", captures: 1 }))
  })

  it("after a dismissal the buyer reads that the store did not match it and the order still awaits", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    const m = await deliver(session.data.order_total)
    const item = await itemOf(m.mutation_id as string)
    expect((await admin("post", `/admin/moota/review-items/${item.id}/dismiss`, { note: "not a sale" })).status).toBe(200)
    const payment = (await buyer(order_id)).data.payment
    expect(payment.status).toBe("awaiting")
    expect(payment.review).toEqual(expect.objectContaining({ state: "not_matched", amount: 165_000 }))
  })

  it("does not tell a buyer about a transfer far from their order's amount, or on an account they were not shown", async () => {
    const { order_id } = await placeMootaOrder(store)
    await deliver(120_000)
    expect((await buyer(order_id)).data.payment.review).toBeUndefined()
  })

  it("records a claim with its proof, shows it to the merchant on the order, and captures nothing", async () => {
    const { order_id } = await placeMootaOrder(store)
    const res = await claim(order_id, claimBody({ proof: { data: `data:image/png;base64,${PNG.toString("base64")}` } }))
    expect(res.status).toBe(201)
    expect(res.data.claim).toEqual(
      expect.objectContaining({ amount: 165_000, amount_formatted: "Rp165.000", bank: "BCA", sender_name: "Budi Santoso", has_proof: true })
    )
    expect(res.data.payment).toEqual(expect.objectContaining({ status: "awaiting", claim: res.data.claim }))
    expect((await buyer(order_id)).data.payment.claim.id).toBe(res.data.claim.id)

    const widget = await admin("get", `/admin/moota/orders/${order_id}`)
    expect(widget.data.payment.status).toBe("awaiting")
    const [shown] = widget.data.payment.claims
    expect(shown).toEqual(expect.objectContaining({ id: res.data.claim.id, amount: 165_000, bank: "BCA", sender_name: "Budi Santoso" }))
    const proof = await call("get", shown.proof_path, undefined, { headers: { ...store.adminHeaders.headers } })
    expect(proof.status).toBe(200)
    expect(proof.headers["content-type"]).toBe("image/png")
    expect(proof.headers["cache-control"]).toBe("private, no-store")
    // Not for the store API nor anyone without an admin session.
    expect((await call("get", shown.proof_path, undefined, store.storeHeaders)).status).toBe(401)

    expect(await orderMoney(store, order_id)).toEqual(expect.objectContaining({ payments: 0, captures: 0 }))
  })

  it("refuses bad input with a clear 400, an oversize proof with 413, and stores nothing", async () => {
    const { order_id } = await placeMootaOrder(store)
    const cases: [Record<string, unknown>, RegExp][] = [
      [claimBody({ amount: 165_000.5 }), /'int' for field 'amount'/],
      [claimBody({ amount: 10 }), /'amount' too small, expected at least: '1000'/],
      [claimBody({ sender_name: "" }), /'sender_name' too small, expected at least: '2'/],
      [claimBody({ bank: "B".repeat(101) }), /'bank' too big, expected at most: '100'/],
      [claimBody({ transferred_at: new Date(Date.now() + 3_600_000).toISOString() }), /transferred_at is in the future/],
      [claimBody({ transferred_at: new Date(Date.now() - 86_400_000).toISOString() }), /before the order was placed/],
      [claimBody({ proof: { data: Buffer.from("%PDF-1.7 not an image").toString("base64") } }), /JPEG, PNG or WebP/],
    ]
    for (const [body, message] of cases) {
      const res = await claim(order_id, body)
      expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(message)])
    }
    const wrongEmail = await call("post", `/store/moota/payments/order/${order_id}/claims`, { ...claimBody(), email: "x@example.com" }, store.storeHeaders)
    expect(wrongEmail.status).toBe(404)

    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024, 7)])
    const tooLarge = await claim(order_id, claimBody({ proof: { data: big.toString("base64") } }))
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.data.message).toMatch(/at most 2 MB/)

    expect(await moota().listPaymentClaims({ order_ids: [order_id] })).toEqual([])
    expect((await admin("get", `/admin/moota/orders/${order_id}`)).data.payment.claims).toEqual([])
  })

  it("allows 5 claims per order per hour, then answers 429 in words", async () => {
    const { order_id } = await placeMootaOrder(store)
    for (let i = 0; i < 5; i++) {
      expect((await claim(order_id, claimBody({ amount: 165_000 + i }))).status).toBe(201)
    }
    const sixth = await claim(order_id, claimBody())
    expect(sixth.status).toBe(429)
    expect(sixth.data.message).toMatch(/At most 5 payment confirmations per order per hour/)
    expect(await moota().listPaymentClaims({ order_ids: [order_id] })).toHaveLength(5)
  })

  it("shows a claim on the review item it fits and puts the claimed order first among the suggestions", async () => {
    const first = await placeMootaOrder(store)
    const second = await placeMootaOrder(store)
    const m = await deliver(first.session.data.order_total)
    const item = await itemOf(m.mutation_id as string)
    const before = (await admin("get", `/admin/moota/review-items/${item.id}`)).data
    expect(before.claims).toEqual([])
    const runnerUp = before.candidates[1]
    expect(runnerUp).toBeDefined()
    const claimedOrder = runnerUp.order.id
    expect([first.order_id, second.order_id]).toContain(claimedOrder)

    expect((await claim(claimedOrder, claimBody())).status).toBe(201)
    const after = (await admin("get", `/admin/moota/review-items/${item.id}`)).data
    expect(after.candidates[0]).toEqual(expect.objectContaining({ reservation_id: runnerUp.reservation_id, hints: expect.arrayContaining(["claimed"]) }))
    expect(after.claims).toEqual([expect.objectContaining({ amount: 165_000, order: expect.objectContaining({ id: claimedOrder }) })])
  })

  it("reviews a credit a claim names even when no order is near its amount", async () => {
    const { order_id } = await placeMootaOrder(store)
    expect((await claim(order_id, claimBody({ amount: 50_000 }))).status).toBe(201)
    const m = await deliver(50_000)
    const [row] = await moota().listMootaInboxMutations({ mutation_id: m.mutation_id as string })
    expect(row.outcome).toBe("review_unmatched")
    expect(await itemOf(m.mutation_id as string)).toEqual(expect.objectContaining({ status: "open" }))
    // The buyer who claimed it is told the store is checking it.
    expect((await buyer(order_id)).data.payment.review).toEqual(expect.objectContaining({ state: "checking", amount: 50_000 }))
    // Without a claim the same amount is an unrelated credit...
    const other = await deliver(50_001)
    expect((await moota().listMootaInboxMutations({ mutation_id: other.mutation_id as string }))[0].outcome).toBe("ignored_unrelated")
    // ... until a buyer reports it: then it goes to review too, audited, with an alert.
    expect((await claim(order_id, claimBody({ amount: 50_001 }))).status).toBe(201)
    const [moved] = await moota().listMootaInboxMutations({ mutation_id: other.mutation_id as string })
    expect(moved.outcome).toBe("review_unmatched")
    expect(await itemOf(other.mutation_id as string)).toEqual(expect.objectContaining({ status: "open", reason: "unmatched" }))
  })

  it("alerts the merchant once about a claim no transfer fits after the next reconciliation", async () => {
    const { order_id, display_id } = await placeMootaOrder(store)
    const fitted = await placeMootaOrder(store)
    expect((await claim(order_id, claimBody({ amount: 171_717 }))).status).toBe(201)
    expect((await claim(fitted.order_id, claimBody({ amount: 181_818 }))).status).toBe(201)
    await deliver(181_818)
    // A fresh claim waits: the bank may not have booked the transfer yet.
    await reconcileMootaMutations(getContainer())
    expect((await moota().listPaymentClaims({ order_ids: [order_id] }))[0].alerted_at).toBeNull()
    await reconcileMootaMutations(getContainer(), new Date(Date.now() + 31 * 60_000))
    const feed = async () =>
      ((await http.get(`/admin/notifications?channel=feed&fields=id,data`, store.adminHeaders)).data.notifications as any[]).filter(
        (n) => n.data.alert === "claim_unmatched"
      )
    await eventually(async () => (await feed()).length === 1)
    const [alert] = await feed()
    expect(alert.data.description).toContain(`#${display_id}`)
    expect(alert.data.description).toContain("Rp171.717")
    await reconcileMootaMutations(getContainer(), new Date(Date.now() + 32 * 60_000))
    await new Promise((r) => setTimeout(r, 500))
    expect(await feed()).toHaveLength(1)
    const widget = await admin("get", `/admin/moota/orders/${order_id}`)
    expect(widget.data.payment.claims[0].alerted_at).toEqual(expect.any(String))
  })

  describe("a transfer that fits several awaiting orders is told to none of their buyers (issue 25)", () => {
    const told = async (orderId: string) => {
      const p = (await buyer(orderId)).data.payment
      return { status: p.status, review: p.review, ask_claim: p.ask_claim }
    }
    const fits = async (orderId: string) => (await admin("get", `/admin/moota/orders/${orderId}`)).data.payment.review_fits

    async function sharedShortTransfer(n: number) {
      const orders = []
      for (let i = 0; i < n; i++) orders.push(await placeMootaOrder(store))
      // Rp165.000 for orders of Rp165.000 + a unique code: within the code range of every one of them.
      const m = await deliver(orders[0].session.data.order_total)
      return { orders, item: await itemOf(m.mutation_id as string) }
    }

    it("two orders of the same total, one short transfer: neither buyer is told; after the merchant matches it, only that order is paid", async () => {
      const { orders, item } = await sharedShortTransfer(2)
      const [a, b] = orders
      for (const o of orders) {
        // No amount, time or name of a transfer that may be a stranger's; a prompt to send a confirmation instead.
        expect(await told(o.order_id)).toEqual({ status: "awaiting", review: undefined, ask_claim: true })
        const check = await call("post", `/store/moota/payments/order/${o.order_id}/check`, { email: EMAIL }, store.storeHeaders)
        expect(check.data.payment.review).toBeUndefined()
      }
      // The merchant sees it on both orders, with the other order it fits.
      expect(await fits(a.order_id)).toEqual([
        expect.objectContaining({ review_item_id: item.id, amount: 165_000, why: "shared", plain_match: true, also_fits: [{ id: b.order_id, display_id: b.display_id }] }),
      ])
      expect((await fits(b.order_id))[0]).toEqual(expect.objectContaining({ why: "shared", also_fits: [{ id: a.order_id, display_id: a.display_id }] }))

      expect((await admin("post", `/admin/moota/review-items/${item.id}/match`, { order_id: b.order_id, note: "buyer phoned" })).status).toBe(200)
      expect((await buyer(b.order_id)).data.payment).toEqual(expect.objectContaining({ status: "paid", received_amount: 165_000 }))
      expect(await told(a.order_id)).toEqual({ status: "awaiting", review: undefined, ask_claim: undefined })
      expect(await fits(a.order_id)).toEqual([])
      expect(await orderMoney(store, a.order_id)).toEqual(expect.objectContaining({ payments: 0, captures: 0 }))
      expect(await orderMoney(store, b.order_id)).toEqual(expect.objectContaining({ payment_status: "captured", captures: 1 }))
    })

    it("ten orders of the same total: no buyer is told, the widget lists the nine others", async () => {
      const { orders, item } = await sharedShortTransfer(10)
      for (const o of orders) {
        expect(await told(o.order_id)).toEqual({ status: "awaiting", review: undefined, ask_claim: true })
      }
      const [fit] = await fits(orders[4].order_id)
      expect(fit).toEqual(expect.objectContaining({ review_item_id: item.id, why: "shared" }))
      expect(fit.also_fits.map((o: { id: string }) => o.id).sort()).toEqual(orders.filter((_, i) => i !== 4).map((o) => o.order_id).sort())
    })

    it("the buyer whose confirmation names the transfer is told; the other is not", async () => {
      const a = await placeMootaOrder(store)
      const b = await placeMootaOrder(store)
      expect((await claim(a.order_id, claimBody({ amount: 165_000 }))).status).toBe(201)
      // Another amount reported by the other buyer names another transfer.
      expect((await claim(b.order_id, claimBody({ amount: 165_100 }))).status).toBe(201)
      const m = await deliver(165_000)
      const item = await itemOf(m.mutation_id as string)
      expect(await told(a.order_id)).toEqual({
        status: "awaiting",
        review: expect.objectContaining({ state: "checking", amount: 165_000 }),
        ask_claim: undefined,
      })
      expect(await told(b.order_id)).toEqual({ status: "awaiting", review: undefined, ask_claim: true })
      expect(await fits(a.order_id)).toEqual([expect.objectContaining({ review_item_id: item.id, why: "claimed" })])
      expect(await fits(b.order_id)).toEqual([expect.objectContaining({ review_item_id: item.id, why: "shared" })])
      // The queue's Order column shows the order whose buyer reported it.
      const queue = (await admin("get", `/admin/moota/review-items?status=open`)).data.review_items
      expect(queue.find((i: { id: string }) => i.id === item.id).reported_order).toEqual({ id: a.order_id, display_id: a.display_id })
    })

    it("one awaiting order: its buyer is told as before, and the widget says it fits no other order", async () => {
      const { orders, item } = await sharedShortTransfer(1)
      expect(await told(orders[0].order_id)).toEqual({
        status: "awaiting",
        review: expect.objectContaining({ state: "checking", amount: 165_000 }),
        ask_claim: undefined,
      })
      expect(await fits(orders[0].order_id)).toEqual([expect.objectContaining({ review_item_id: item.id, why: "only_fit", also_fits: [] })])
    })
  })
})
