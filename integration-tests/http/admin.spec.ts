import { eventually, SDK_FIXTURE_SECRET, WEBHOOK_SECRET } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import devDefaults from "../../scripts/dev-defaults.json"
import { cartReadyForPayment, orderMoney, placeMootaOrder } from "../../test-kit"
import { writeBackMootaTags } from "../../src/jobs/moota-write-back"

jest.setTimeout(180_000)

/** Every /admin/moota route, for the authentication check. */
const ROUTES: [string, string][] = [
  ["get", "/admin/moota/setup"],
  ["post", "/admin/moota/setup/test-webhook"],
  ["get", "/admin/moota/orders/order_x"],
  ["post", "/admin/moota/orders/order_x/check"],
  ["post", "/admin/moota/orders/order_x/mark-paid"],
  ["post", "/admin/moota/orders/order_x/release"],
  ["get", "/admin/moota/review-summary"],
  ["get", "/admin/moota/review-items"],
  ["get", "/admin/moota/review-items/mrev_x"],
  ["post", "/admin/moota/review-items/mrev_x/match"],
  ["post", "/admin/moota/review-items/mrev_x/dismiss"],
]

mootaHttpSuite({}, ({ store, api: http, base, container: getContainer, moota, sandbox, admin }) => {
  let adminId: string

  const paid = (orderId: string) =>
    eventually(async () => {
      const p = await orderMoney(store, orderId)
      return p.payment_status === "captured" ? p : null
    })
  const openItems = async () => (await moota().listMootaReviewItems({ status: "open" })) as any[]
  const reviewItem = () => eventually(async () => (await openItems())[0])

  beforeEach(async () => {
    adminId = (await http.get("/admin/users/me", store.adminHeaders)).data.user.id
  })

  describe("authentication", () => {
    it("answers 401 on every route without an admin session, also to a publishable key alone", async () => {
      for (const headers of [{}, store.storeHeaders.headers]) {
        const config = { headers, validateStatus: () => true }
        for (const [method, url] of ROUTES) {
          const res = method === "get" ? await http.get(url, config) : await http.post(url, { note: "abc" }, config)
          expect([method, url, res.status]).toEqual([method, url, 401])
        }
      }
      expect(await moota().listMootaAuditLogs({})).toHaveLength(0)
    })
  })

  describe("settings page", () => {
    it("reports the connection, the accounts, what to set in Moota, and never a secret", async () => {
      const { status, data } = await admin("get", "/admin/moota/setup")
      expect(status).toBe(200)
      expect(data.connection).toEqual(
        expect.objectContaining({ api_token_configured: true, reachable: true, token_valid: true, error: null })
      )
      // The sandbox does not serve GET /user: no points, and an honest reason.
      expect(data.connection.points).toBeNull()
      expect(data.connection.points_error).toMatch(/404/)
      // What the admin translates into what to do: a code, never Moota's raw message.
      expect(data.connection.points_problem).toBe("not_offered")
      expect(data.connection.problem).toBeNull()
      expect(data.accounts).toEqual([
        expect.objectContaining({ bank_id: "bcaSandbox01", bank: "BCA", account_number_masked: "******7890", enabled_for_checkout: true, in_moota: true }),
        expect.objectContaining({ bank_id: "mandiriSbox1", in_moota: true }),
        expect.objectContaining({ bank_id: "qrisSandbox1", kind: "qris", account_number_masked: null, in_moota: true }),
      ])
      expect(data.moota_accounts).toHaveLength(3)
      expect(data.moota_accounts[0]).toEqual(expect.objectContaining({ configured: true, enabled_for_checkout: true, sources: ["bank"] }))
      expect(data.webhook).toEqual({
        url: `${base()}/hooks/moota`,
        secret_configured: true,
        secrets: 2,
        unique_code_range: { start: 0, end: 999 },
        plugin_unique_codes: { min: 1, max: 999, mode: "increase" },
        ip_allowlist: 0,
      })
      const text = JSON.stringify(data)
      for (const secret of [WEBHOOK_SECRET, SDK_FIXTURE_SECRET, devDefaults.apiToken, "1234567890"]) {
        expect(text).not.toContain(secret)
      }
      expect(data.activity).toEqual(
        expect.objectContaining({ last_webhook: null, last_reconciled: null, last_test: null, open_review_items: 0 })
      )
    })

    it("says when Moota refuses the token", async () => {
      const options = moota().getOptions() as { apiToken?: string }
      const previous = options.apiToken
      options.apiToken = "not-the-token"
      try {
        const { data } = await admin("get", "/admin/moota/setup")
        expect(data.connection).toEqual(expect.objectContaining({ reachable: true, token_valid: false }))
        expect(data.connection.error).toMatch(/401/)
        expect(data.connection.problem).toBe("token_refused")
        expect(JSON.stringify(data)).not.toContain("not-the-token")
      } finally {
        options.apiToken = previous
      }
    })

    it("says whether checkout can offer Moota: an IDR region with the provider", async () => {
      const regionId = store.seed.region_id
      expect((await admin("get", "/admin/moota/setup")).data.checkout).toEqual(
        expect.objectContaining({ idr_currency: true, idr_regions_with_moota: 1 })
      )
      const { region } = (await http.get(`/admin/regions/${regionId}?fields=id,*payment_providers`, store.adminHeaders)).data
      const providers: string[] = region.payment_providers.map((p: { id: string }) => p.id)
      await http.post(`/admin/regions/${regionId}`, { payment_providers: providers.filter((id) => id !== "pp_moota_moota") }, store.adminHeaders)
      try {
        // What a fresh store looks like to the settings page: nothing offers Moota yet.
        expect((await admin("get", "/admin/moota/setup")).data.checkout).toEqual(
          expect.objectContaining({ idr_currency: true, idr_regions_with_moota: 0 })
        )
      } finally {
        await http.post(`/admin/regions/${regionId}`, { payment_providers: providers }, store.adminHeaders)
      }
      expect((await admin("get", "/admin/moota/setup")).data.checkout.idr_regions_with_moota).toBe(1)
    })

    it("refuses an unknown query parameter with 400", async () => {
      const { status, data } = await admin("get", "/admin/moota/setup?debug=1")
      expect(status).toBe(400)
      expect(data.message).toMatch(/debug/)
    })

    it("sends a signed test delivery to the store's own webhook, confirms nothing, and records it", async () => {
      const { order_id } = await placeMootaOrder(store)
      const { status, data } = await admin("post", "/admin/moota/setup/test-webhook", {})
      expect(status).toBe(200)
      expect(data.result).toEqual(
        expect.objectContaining({
          ok: true,
          status: 200,
          amount: 10_000,
          bank_id: "bcaSandbox01",
          url: `${base()}/hooks/moota`,
          answer: expect.objectContaining({ ok: true, received: 1, new: 1 }),
        })
      )
      expect(data.result.mutation_id).toMatch(/^test-[0-9a-f]{16}$/)

      const row = await eventually(async () => {
        const [r] = await moota().listMootaInboxMutations({ mutation_id: data.result.mutation_id, status: "processed" })
        return r
      })
      expect(row).toEqual(expect.objectContaining({ source: "webhook", type: "CR", amount: 10_000, outcome: "ignored_test" }))
      expect(await moota().listMootaReviewItems({})).toHaveLength(0)
      expect((await orderMoney(store, order_id)).payments).toBe(0)

      const [audit] = await moota().listMootaAuditLogs({ action: "webhook_test" })
      expect(audit).toEqual(expect.objectContaining({ actor_id: adminId, subject_id: data.result.mutation_id }))
      expect(audit.data).toEqual(expect.objectContaining({ ok: true, status: 200 }))

      const { data: setup } = await admin("get", "/admin/moota/setup")
      expect(setup.activity.last_test).toEqual(expect.objectContaining({ ok: true, status: 200, actor: expect.objectContaining({ id: adminId }) }))
      expect(setup.activity.last_webhook.mutation_id).toBe(data.result.mutation_id)
      expect(setup.activity.received_24h.webhook).toBe(1)
    })

    it("never pays an order that awaits exactly Rp10.000", async () => {
      await moota().reserveAmount({
        session_id: "payses_test_10000",
        currency_code: "idr",
        order_total: 9_001,
        bank_ids: ["bcaSandbox01"],
        code_min: 999,
        code_max: 999,
        code_mode: "increase",
        expires_at: new Date(Date.now() + 3_600_000),
        quarantine_until: new Date(Date.now() + 7_200_000),
      })
      const { data } = await admin("post", "/admin/moota/setup/test-webhook", { bank_id: "bcaSandbox01" })
      expect(data.result).toEqual(expect.objectContaining({ ok: true, bank_id: "bcaSandbox01", amount: 10_000 }))
      await eventually(async () => (await moota().listMootaInboxMutations({ mutation_id: data.result.mutation_id, status: "processed" })).length === 1)
      expect((await moota().getReservationBySession("payses_test_10000"))?.status).toBe("awaiting")
      expect(await moota().listMootaReviewItems({})).toHaveLength(0)
    })

    it("refuses a bad test request with a precise 400 and sends nothing", async () => {
      const cases: [unknown, RegExp][] = [
        [{ bank_id: "nope" }, /bank_id nope is not one of the configured accounts/],
        [{ url: "http://example.com" }, /Unrecognized fields: 'url'/],
      ]
      for (const [body, message] of cases) {
        const { status, data } = await admin("post", "/admin/moota/setup/test-webhook", body)
        expect([body, status, data.message]).toEqual([body, 400, expect.stringMatching(message)])
      }
      expect(await moota().listMootaInboxMutations({})).toHaveLength(0)
    })
  })

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
            by: expect.objectContaining({ id: adminId, email: "admin@toko-contoh.test" }),
          }),
        })
      )
      expect(res.data.payment.history).toEqual([
        expect.objectContaining({ action: "match", note: "Transfer seen in the BCA app", actor: expect.objectContaining({ id: adminId }) }),
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
        expect.objectContaining({ action: "release", note: "buyer pays cash", actor: expect.objectContaining({ id: adminId }) }),
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
          review_item: expect.objectContaining({ status: "resolved", resolution: "matched", resolved_by: adminId }),
        })
      )
      const p = await paid(order_id)
      expect(p).toEqual(expect.objectContaining({ payments: 1, captured: 165_000 }))
      const { data: widget } = await admin("get", `/admin/moota/orders/${order_id}`)
      expect(widget.payment.paid).toEqual(
        expect.objectContaining({ received_amount: session.data.transfer_amount - 1, by: expect.objectContaining({ id: adminId }) })
      )
      expect(widget.payment.mutation.amount).toBe(session.data.transfer_amount - 1)
      const [audit] = await moota().listMootaAuditLogs({ action: "match" })
      expect(audit).toEqual(expect.objectContaining({ actor_id: adminId, note: "Buyer sent one rupiah less", subject_id: item.inbox_mutation_id }))

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
      expect(res.data.review_item).toEqual(expect.objectContaining({ status: "dismissed", resolved_by: adminId }))
      const [audit] = await moota().listMootaAuditLogs({ action: "dismiss" })
      expect(audit).toEqual(expect.objectContaining({ actor_id: adminId, subject_id: item.id, note: "Owner topped up the account" }))
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
})
