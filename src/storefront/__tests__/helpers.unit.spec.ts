import jsQR from "jsqr"
import { parseTlv, verifyQrisCrc } from "../../lib/qris"
import { MootaPaymentApiError, mootaPaymentApi } from "../api"
import { describeCountdown, digitsOnly, formatCountdown, formatDeadline, formatRupiah, splitUniqueCode, timeLeft } from "../format"
import { buildQrDataUrl, buildQrSvg } from "../qr"
import { sessionDataFromReservation } from "../../lib/instructions"
import { parseMootaOptions } from "../../lib/options"
import { buyerStatus, checkoutErrorText, paymentChoices } from "../status"
import { CHECKOUT_PROBLEM_TEXTS, checkoutProblemMessage } from "../../lib/moota/transaction-texts"
import { awaitingPayment, awaitingSessionData, rasterizeQrSvg, vaPayment } from "./fixtures"
import devDefaults from "../../../dev/dev-defaults.json"

const NOW = Date.UTC(2026, 10, 26, 4, 0, 0)

describe("splitUniqueCode", () => {
  it.each([
    [165_123, "Rp165.", "123"],
    [151_200, "Rp151.", "200"],
    [1_000_007, "Rp1.000.", "007"],
    [999, "Rp", "999"],
    [5, "Rp", "5"],
  ])("splits %d into %j + %j", (amount, head, tail) => {
    const s = splitUniqueCode(amount)
    expect(s).toEqual({ formatted: head + tail, head, tail, digits: String(amount) })
    expect(s.formatted).toBe(formatRupiah(amount))
  })

  it("refuses amounts that are not whole rupiah", () => {
    expect(() => splitUniqueCode(1.5)).toThrow(RangeError)
    expect(() => splitUniqueCode(-1)).toThrow(RangeError)
  })
})

describe("countdown and formatting", () => {
  it("counts down to the deadline and stops at zero", () => {
    const left = timeLeft(new Date(NOW + (2 * 86_400 + 3 * 3600 + 4 * 60 + 5) * 1000), NOW)
    expect(left).toMatchObject({ days: 2, hours: 3, minutes: 4, seconds: 5, expired: false })
    expect(formatCountdown(left, "id")).toBe("2 hari 03:04:05")
    expect(formatCountdown(left, "en")).toBe("2 days 03:04:05")
    expect(describeCountdown(left, "id")).toBe("2 hari 3 jam 4 menit")
    expect(describeCountdown(left, "en")).toBe("2 days 3 hours 4 minutes")

    const short = timeLeft(new Date(NOW + 59_999).toISOString(), NOW)
    expect(formatCountdown(short, "en")).toBe("00:00:59")
    expect(describeCountdown(short, "en")).toBe("59 seconds")

    const over = timeLeft(new Date(NOW - 1), NOW)
    expect(over).toMatchObject({ totalMs: 0, expired: true })
    expect(formatCountdown(over, "id")).toBe("00:00:00")
  })

  it("shows deadlines in WIB whatever the machine's zone", () => {
    expect(formatDeadline("2026-11-27T04:00:00.000Z", "id")).toBe("27 November 2026 11.00 WIB")
    expect(formatDeadline("2026-11-27T04:00:00.000Z", "en")).toBe("27 November 2026 11:00 WIB")
  })

  it("keeps only digits of an account number", () => {
    expect(digitsOnly("137-00 1234 5678")).toBe("1370012345678")
  })
})

describe("buyerStatus", () => {
  const due = new Date(NOW + 60_000)
  it.each([
    [{ status: "awaiting", expires_at: due }, {}, "awaiting"],
    [{ status: "awaiting", expires_at: new Date(NOW - 1) }, {}, "expired"],
    [{ status: "quarantined", expires_at: due }, {}, "expired"],
    [{ status: "expired", expires_at: due }, {}, "expired"],
    [{ status: "quarantined", expires_at: due, release_reason: "order_canceled" }, {}, "canceled"],
    [{ status: "awaiting", expires_at: due }, { orderStatus: "canceled" }, "canceled"],
    [{ status: "released", expires_at: due }, {}, "canceled"],
    [{ status: "paid", expires_at: new Date(NOW - 1) }, { orderStatus: "canceled" }, "paid"],
  ] as const)("%j with %j is %s", (input, opts, expected) => {
    expect(buyerStatus(input, { ...opts, now: NOW })).toBe(expected)
  })
})

describe("QR code", () => {
  it("draws the QRIS payload so that a scanner reads it back exactly", async () => {
    const payload = awaitingPayment(NOW).accounts.find((a) => a.kind === "qris")!.qris_payload!
    expect(verifyQrisCrc(payload)).toBe(true)
    expect(parseTlv(payload).find((f) => f.id === "54")?.value).toBe("165123")

    const svg = await buildQrSvg(payload)
    expect(svg).toMatch(/^<svg [^>]*width="256" height="256"/)
    const { data, width, height } = rasterizeQrSvg(svg)
    expect(jsQR(data, width, height)?.data).toBe(payload)

    const url = await buildQrDataUrl(payload)
    expect(url.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true)
    expect(decodeURIComponent(url.slice(url.indexOf(",") + 1))).toBe(svg)
  })

  it("refuses an empty payload", async () => {
    await expect(buildQrSvg("")).rejects.toThrow("buildQrSvg needs the QRIS payload string")
  })
})

describe("mootaPaymentApi", () => {
  function fakeFetch(status: number, body: unknown) {
    return jest.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status }))
  }

  it("reads a cart's payment with the publishable key", async () => {
    const payment = awaitingPayment(NOW)
    const f = fakeFetch(200, { payment })
    const api = mootaPaymentApi({ baseUrl: "http://store.test/", publishableKey: "pk_1", cartId: "cart_1", fetch: f as any })
    expect(await api.get()).toEqual(payment)
    const [url, init] = f.mock.calls[0]
    expect(url).toBe("http://store.test/store/moota/payments/cart/cart_1")
    expect(init?.method).toBe("GET")
    expect((init?.headers as Record<string, string>)["x-publishable-api-key"]).toBe("pk_1")
  })

  it("sends the buyer's email for an order, in the query to read and in the body to check", async () => {
    const f = fakeFetch(200, { payment: awaitingPayment(NOW), check: { refreshed: [], throttled: [] } })
    const api = mootaPaymentApi({ baseUrl: "http://store.test", publishableKey: "pk_1", orderId: "order_1", email: "budi+1@example.com", fetch: f as any })
    await api.get()
    await api.check()
    expect(f.mock.calls[0][0]).toBe("http://store.test/store/moota/payments/order/order_1?email=budi%2B1%40example.com")
    expect(f.mock.calls[1][0]).toBe("http://store.test/store/moota/payments/order/order_1/check")
    expect(f.mock.calls[1][1]?.method).toBe("POST")
    expect(JSON.parse(String(f.mock.calls[1][1]?.body))).toEqual({ email: "budi+1@example.com" })
  })

  it("reads a payment link's collection with its order id and email, checks it, and claims on the order", async () => {
    const f = fakeFetch(200, { payment: awaitingPayment(NOW), check: { refreshed: [], throttled: [] }, claim: {} })
    const api = mootaPaymentApi({
      baseUrl: "http://store.test",
      publishableKey: "pk_1",
      paymentCollectionId: "pay_col_1",
      orderId: "order_1",
      email: "budi+1@example.com",
      fetch: f as any,
    })
    await api.get()
    await api.check()
    await api.claim!({ amount: 150_000, bank: "BCA", sender_name: "Budi", transferred_at: "2026-12-01T10:00:00+07:00" })
    expect(f.mock.calls[0][0]).toBe("http://store.test/store/moota/payments/collection/pay_col_1?order_id=order_1&email=budi%2B1%40example.com")
    expect(f.mock.calls[1][0]).toBe("http://store.test/store/moota/payments/collection/pay_col_1/check")
    expect(JSON.parse(String(f.mock.calls[1][1]?.body))).toEqual({ order_id: "order_1", email: "budi+1@example.com" })
    expect(f.mock.calls[2][0]).toBe("http://store.test/store/moota/payments/order/order_1/claims")
    expect(JSON.parse(String(f.mock.calls[2][1]?.body))).toMatchObject({ amount: 150_000, email: "budi+1@example.com" })
  })

  it("turns the store's error answer into a MootaPaymentApiError with its message and status", async () => {
    const api = mootaPaymentApi({
      baseUrl: "http://store.test",
      publishableKey: "pk_1",
      cartId: "cart_1",
      fetch: fakeFetch(404, { type: "not_found", message: "Cart cart_1 not found" }) as any,
    })
    const err = await api.get().catch((e) => e)
    expect(err).toBeInstanceOf(MootaPaymentApiError)
    expect(err).toMatchObject({ status: 404, message: "Cart cart_1 not found" })

    const down = mootaPaymentApi({
      baseUrl: "http://store.test",
      publishableKey: "pk_1",
      cartId: "cart_1",
      fetch: (async () => {
        throw new TypeError("fetch failed")
      }) as any,
    })
    expect(await down.get().catch((e) => e)).toMatchObject({ status: 0, message: "The store could not be reached: fetch failed" })
  })
})

describe("checkoutErrorText", () => {
  const problems = Object.keys(CHECKOUT_PROBLEM_TEXTS.id) as (keyof typeof CHECKOUT_PROBLEM_TEXTS.id)[]

  it.each(["BCA Virtual Account", "BCA / KlikBCA VA"])("gives the buyer's half of every checkout problem about %s", (bank) => {
    const facts = { bank, min_total: "Rp10.000" }
    for (const problem of problems) {
      const message = checkoutProblemMessage(problem, facts)
      expect(checkoutErrorText(message, "id")).toBe(CHECKOUT_PROBLEM_TEXTS.id[problem](facts))
      expect(checkoutErrorText(message, "en")).toBe(CHECKOUT_PROBLEM_TEXTS.en[problem](facts))
    }
  })

  it("leaves any other message as it is", () => {
    expect(checkoutErrorText("Cart cart_1 not found", "en")).toBe("Cart cart_1 not found")
    expect(checkoutErrorText("Transfer bank / QRIS / e-wallet", "id")).toBe("Transfer bank / QRIS / e-wallet")
  })
})

describe("paymentChoices", () => {
  const OWN = parseMootaOptions({ apiToken: "t", accounts: devDefaults.transactionAccounts }).accounts
  const sessionData = (transactionAccounts: typeof OWN) => awaitingSessionData(NOW, 60, transactionAccounts)

  it("offers the unique-code accounts as one method, then each Moota VA or QR, in words of the buyer's language", () => {
    expect(paymentChoices(sessionData(OWN), "id")).toEqual([
      {
        bank_id: null,
        kind: "unique_code",
        label: "Transfer bank / QRIS",
        hint: "Ke rekening toko (BCA, Mandiri, QRIS) dengan nominal unik; terkonfirmasi otomatis.",
        selected: true,
      },
      {
        bank_id: "vaBcaSandbx1",
        kind: "moota_va",
        label: "BCA Virtual Account",
        hint: "Nomor virtual account khusus pesanan ini; bayar tepat sebesar total.",
        selected: false,
      },
      {
        bank_id: "qrisMootaSb1",
        kind: "moota_qris",
        label: "QRIS (Moota)",
        hint: "Kode QR khusus pesanan ini; pindai dengan aplikasi bank atau dompet digital.",
        selected: false,
      },
    ])
    expect(paymentChoices(sessionData(OWN), "en").map((c) => c.label)).toEqual(["Bank transfer / QRIS", "BCA Virtual Account", "QRIS (Moota)"])
  })

  it("is the unique-code method alone for a shop without Moota VA/QRIS accounts", () => {
    expect(paymentChoices(sessionData([]), "en")).toEqual([expect.objectContaining({ bank_id: null, kind: "unique_code", selected: true })])
  })

  it("still offers the unique-code method while the session pays by a VA number of its own", () => {
    const options = parseMootaOptions({ apiToken: "t", accounts: [...devDefaults.accounts, ...devDefaults.transactionAccounts] })
    const reservation = {
      id: "mres_01TEST",
      session_id: "payses_01TEST",
      status: "awaiting" as const,
      order_total: 165_000,
      unique_code: 0,
      code_mode: "increase" as const,
      transfer_amount: 165_000,
      bank_ids: ["vaBcaSandbx1"],
      expires_at: new Date(NOW + 60 * 60_000),
      metadata: {
        moota_transaction: {
          trx_id: "TRX01TEST",
          kind: "moota_va",
          bank_id: "vaBcaSandbx1",
          bank: "BCA Virtual Account",
          va_number: "8808112345678901",
          account_holder: "TOKO CONTOH",
          qr_url: null,
          qr_payload: null,
          payment_url: null,
        },
      },
    }
    const data = sessionDataFromReservation(reservation, options)
    expect(data.accounts.map((a) => a.kind)).toEqual(["moota_va"])
    expect(paymentChoices(data, "en").map((c) => [c.kind, c.label, c.selected])).toEqual([
      ["unique_code", "Bank transfer / QRIS", false],
      ["moota_va", "BCA Virtual Account", true],
      ["moota_qris", "QRIS (Moota)", false],
    ])
    expect(paymentChoices(data, "id")[0].hint).toBe("Ke rekening toko (BCA, Mandiri, QRIS) dengan nominal unik; terkonfirmasi otomatis.")
  })

  it("marks the Moota account a session already pays by", () => {
    const data = { ...vaPayment(NOW), transaction_accounts: [{ bank_id: "vaBcaSbx01", kind: "moota_va" as const, bank: "BCA Virtual Account" }] }
    expect(paymentChoices(data, "en")).toEqual([expect.objectContaining({ bank_id: "vaBcaSbx01", kind: "moota_va", selected: true })])
  })
})
