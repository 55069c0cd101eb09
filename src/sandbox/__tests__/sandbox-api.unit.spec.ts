import { MootaApiError, MootaClient, transactionProblemOf } from "../../lib/moota"
import { createMootaSandbox } from "../server"
import { TOKEN, SECRET, BANKS, receiver, hmacMatches, bodyOf, sandboxPerTest } from "./sandbox-harness"

describe("Moota sandbox", () => {
  const { sandbox, hooks, use, start, api } = sandboxPerTest()

  describe("API v2", () => {
    beforeEach(() => start(() => []))

    it("answers 401 JSON without the right Bearer token", async () => {
      const res = await api("/bank", {}, "wrong")

      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ message: "Unauthenticated." })
      expect((await fetch(`${sandbox().url}/api/v2/mutation`)).status).toBe(401)
    })

    it("lists mutations newest first with string amounts, filtered and paginated", async () => {
      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123, date: "2021-10-05 10:00:00" })
      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 20000, type: "DB", date: "2021-10-06 10:00:00" })
      await sandbox().receiveTransfer({ bank_id: "mdrTest0002", amount: 75500, date: "2021-10-07 10:00:00" })

      const page1 = await (await api("/mutation?per_page=2")).json()
      expect(page1).toEqual(
        expect.objectContaining({ current_page: 1, last_page: 2, per_page: 2, total: 3, next_page_url: expect.stringContaining("page=2") })
      )
      expect(page1.data.map((m: { amount: string }) => m.amount)).toEqual(["75500.00", "20000.00"])

      const filtered = await (await api("/mutation?bank=bcaTest0001&type=CR&start_date=2021-10-05&end_date=2021-10-05")).json()
      expect(filtered.data).toEqual([expect.objectContaining({ amount: "150123.00", balance: "150123.00", type: "CR" })])

      expect((await api("/mutation?start_date=05/10/2021")).status).toBe(422)
    })

    it("creates tags once, attaches only existing tags, writes notes and counts refreshes", async () => {
      const { mutation } = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123 })
      const id = mutation.mutation_id as string
      const post = (path: string, body?: unknown) => api(path, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) })

      expect((await post("/tagging", { name: "order_1001" })).status).toBe(200)
      expect((await post("/tagging", { name: "order_1001" })).status).toBe(422)
      expect((await post(`/tagging/mutation/${id}`, { name: ["missing"] })).status).toBe(422)
      expect((await post(`/tagging/mutation/${id}`, { name: ["order_1001"] })).status).toBe(200)
      expect((await post(`/mutation/${id}/note`, { note: "paid order 1001" })).status).toBe(200)
      expect((await post("/bank/bcaTest0001/refresh")).status).toBe(200)
      expect((await post("/bank/unknown/refresh")).status).toBe(404)

      expect(sandbox().state.refresh_counts).toEqual({ bcaTest0001: 1 })
      expect(sandbox().state.mutations[0]).toEqual(
        expect.objectContaining({ note: "paid order 1001", taggings: [expect.objectContaining({ name: "order_1001" })] })
      )
    })

    it("manages webhooks and re-pushes a mutation to them", async () => {
      hooks().received.length = 0
      const created = await (
        await api("/integration/webhook", {
          method: "POST",
          body: JSON.stringify({ url: hooks().url("/hooks/moota"), kinds: "credit", secret_token: SECRET, start_unique_code: 1, end_unique_code: 999 }),
        })
      ).json()
      expect(created).toEqual(expect.objectContaining({ webhook_id: expect.any(String), kinds: "credit" }))
      expect(created.secret_token).toBeUndefined()

      const { mutation } = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123, push: false })
      expect((await api(`/mutation/${mutation.mutation_id}/webhook`, { method: "POST" })).status).toBe(200)
      expect(hooks().received).toHaveLength(1)
      expect(hooks().received[0].headers["x-moota-webhook"]).toBe(created.webhook_id)
      expect(hmacMatches(hooks().received[0].raw, hooks().received[0].headers.signature, SECRET)).toBe(true)

      const listed = await (await api("/integration/webhook")).json()
      expect(listed.data).toEqual([expect.objectContaining({ webhook_id: created.webhook_id })])
      expect((await api(`/integration/webhook/${created.webhook_id}`, { method: "DELETE" })).status).toBe(200)
      expect(sandbox().state.webhooks).toEqual([])
    })
  })

  it("listens on loopback only", async () => {
    await expect(
      createMootaSandbox({ token: TOKEN, banks: BANKS, host: "0.0.0.0" as "127.0.0.1" })
    ).rejects.toThrow(/loopback/)
  })

  describe("create-transaction (VA and QRIS per payment)", () => {
    const VA_BANKS = [
      ...BANKS,
      { bank_id: "vaBcaTest01", bank_type: "bcaVA", label: "BCA Virtual Account", account_number: "88081", atas_nama: "TOKO CONTOH" },
      { bank_id: "qrisTest001", bank_type: "qris", label: "QRIS", account_number: "ID1020", atas_nama: "TOKO CONTOH" },
    ]
    const buyer = { name: "Budi Santoso", email: "budi@example.com", phone: "081234567890" }
    let client: MootaClient

    beforeEach(async () => {
      const hooks = await receiver()
      // The webhook skips round amounts (1-999), as a unique-code shop configures it.
      const sandbox = await createMootaSandbox({
        token: TOKEN,
        banks: VA_BANKS,
        webhooks: [{ id: "whk0000001", url: hooks.url("/hooks/moota"), secret: SECRET, start_unique_code: 1, end_unique_code: 999 }],
      })
      use({ sandbox, hooks })
      client = new MootaClient({ baseUrl: sandbox.apiBaseUrl, token: TOKEN, maxRetries: 0 })
    })

    const create = (over: Record<string, unknown> = {}) =>
      client.createTransaction({
        reference: "payses_01ABC",
        bank_account_id: "vaBcaTest01",
        customer: buyer,
        total: 150000,
        description: "Order",
        expired_in_minutes: 60,
        ...over,
      })

    it("GET /accounts/index lists the VA and QRIS accounts with their types, not the plain bank accounts", async () => {
      const accounts = await client.listAccountIndex()
      expect(accounts.map((a) => [a.bank_id, a.bank_type])).toEqual([
        ["vaBcaTest01", "bcaVA"],
        ["qrisTest001", "qris"],
      ])
    })

    it("creates a VA payment: its own number, the exact total, a deadline in WIB", async () => {
      const t = await create()
      expect(t.va_number).toMatch(/^88081\d{11}$/)
      expect(t.total).toBe(150000)
      expect(t.expires_at!.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000)
      expect(sandbox().state.transactions).toEqual([expect.objectContaining({ order_id: "payses_01ABC", trx_id: t.trx_id })])
    })

    it("creates a QRIS payment with a QR link and no VA number", async () => {
      const t = await create({ bank_account_id: "qrisTest001" })
      expect(t).toEqual(expect.objectContaining({ va_number: null, qr_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1/) }))
    })

    it.each([
      ["no phone", { customer: { ...buyer, phone: "" } }, "customers.phone", "phone"],
      ["a total under Rp10,000", { total: 9999 }, "total", "min_total"],
      ["a plain bank account", { bank_account_id: "bcaTest0001" }, "bank_account_id", "rejected"],
    ])("refuses %s with Laravel's 422 naming the field", async (_name, over, field, problem) => {
      const e = await create(over).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(MootaApiError)
      expect((e as MootaApiError).status).toBe(422)
      expect((e as MootaApiError).errorFields).toEqual([field])
      expect(transactionProblemOf(e)).toBe(problem)
      expect(sandbox().state.transactions).toHaveLength(0)
    })

    it("answers 503 while the fault control says so", async () => {
      await fetch(`${sandbox().url}/_sandbox/faults`, { method: "POST", body: JSON.stringify({ create_transaction: 1 }) })
      const e = await create().catch((x: unknown) => x)
      expect((e as MootaApiError).status).toBe(503)
      expect(transactionProblemOf(e)).toBe("unavailable")
      await expect(create()).resolves.toEqual(expect.objectContaining({ total: 150000 }))
    })

    it("paying by VA number pushes a signed credit whose payment_detail names the transaction, round amount included", async () => {
      const t = await create()
      const paid = await sandbox().payTransaction({ va_number: t.va_number! })
      expect(paid.deliveries.map((d) => d.status)).toEqual([200])
      const [delivery] = hooks().received
      expect(hmacMatches(delivery.raw, delivery.headers.signature, SECRET)).toBe(true)
      const [mutation] = bodyOf(delivery)
      expect(mutation).toEqual(
        expect.objectContaining({
          bank_id: "vaBcaTest01",
          type: "CR",
          amount: 150000,
          payment_detail: expect.objectContaining({ trx_id: t.trx_id, order_id: "payses_01ABC", status: "SUCCESS", total: 150000 }),
        })
      )
    })

    it("pays another amount when told (for mismatch tests), and refuses an unknown VA number", async () => {
      const t = await create()
      await sandbox().payTransaction({ trx_id: t.trx_id, amount: 140000 })
      expect(bodyOf(hooks().received[0])[0]).toEqual(expect.objectContaining({ amount: 140000 }))
      const res = await fetch(`${sandbox().url}/_sandbox/pay-transaction`, { method: "POST", body: JSON.stringify({ va_number: "1" }) })
      expect(res.status).toBe(422)
    })

    it("serves the payment page Moota's answer links to, which pays the transaction once, and the QR image", async () => {
      const t = await create()
      const page = await fetch(t.payment_url!)
      expect(page.status).toBe(200)
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
      const html = await page.text()
      expect(html).toContain(t.va_number!)
      expect(html).toContain("Rp150.000")
      const pay = await fetch(t.payment_url!, { method: "POST" })
      expect(await pay.text()).toContain("Pushed to the webhook: 200.")
      expect(bodyOf(hooks().received[0])[0].payment_detail).toEqual(expect.objectContaining({ trx_id: t.trx_id }))
      expect((await fetch(t.payment_url!, { method: "POST" })).status).toBe(409)
      expect(hooks().received).toHaveLength(1)

      const qris = await create({ bank_account_id: "qrisTest001" })
      const png = await fetch(qris.qr_url!)
      expect(png.headers.get("content-type")).toBe("image/png")
      expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe("PNG")
      expect((await fetch(`${sandbox().url}/_sandbox/pay/TRXunknown`)).status).toBe(404)
    })
  })
})
