import { eventually, SDK_FIXTURE_SECRET, WEBHOOK_SECRET } from "../../helpers/moota"
import { orderMoney, placeMootaOrder } from "../../../test-kit"
import devDefaults from "../../../dev/dev-defaults.json"
import type { AdminSpec } from "./context"

/** Settings → Moota: the connection, the accounts, the checkout check and the test delivery. */
export function settingsPageTests({ store, api: http, base, moota, admin, adminId }: AdminSpec): void {
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
      expect(audit).toEqual(expect.objectContaining({ actor_id: adminId(), subject_id: data.result.mutation_id }))
      expect(audit.data).toEqual(expect.objectContaining({ ok: true, status: 200 }))

      const { data: setup } = await admin("get", "/admin/moota/setup")
      expect(setup.activity.last_test).toEqual(expect.objectContaining({ ok: true, status: 200, actor: expect.objectContaining({ id: adminId() }) }))
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
}
