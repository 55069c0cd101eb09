import { MootaApiError } from "../errors"
import { mootaCreatedTransactionSchema } from "../schemas"
import { createTransactionBody, normalizePhone, toCreatedTransaction, transactionProblemOf } from "../transaction"

// Shapes as Moota's WooCommerce plugin reads them (data.va_number, qr_url, payment_url, expired_at,
// bank_account.*, merchant_name) and as production integrations logged them (numbers as strings).
const VA_ANSWER = {
  status: "success",
  message: "Transaksi berhasil dibuat",
  data: {
    order_id: "payses_01ABC",
    trx_id: "TRX-8Gq2k",
    payment_url: "https://app.moota.co/payment/TRX-8Gq2k",
    account_number: "8808123456789012",
    total: "150000",
    unique_code: 0,
    va_number: "8808123456789012",
    expired_at: "2026-12-02 18:30:00",
    bank_account: { bank_type: "bcaVA", label: "BCA VA", atas_nama: "TOKO CONTOH", username: "login-secret", icon: "https://x/y.png" },
    merchant_name: "Toko Contoh",
  },
}
const QRIS_ANSWER = {
  status: true,
  data: { trx_id: 991, total: 150000, qr_url: "https://app.moota.co/qr/991.png", expired_at: "2026-12-02T11:30:00Z", extra: 1 },
}

function validation(errors: Record<string, string[]>, message = "The given data was invalid.") {
  return new MootaApiError({
    message: "Moota POST /create-transaction answered 422",
    status: 422,
    endpoint: "POST /create-transaction",
    retriable: false,
    code: "http",
    responseMessage: `${message} ${Object.values(errors).flat().join(" ")}`,
    errorFields: Object.keys(errors),
  })
}

describe("create-transaction mapping", () => {
  it("sends our reference as Moota's order_id, one item carrying the whole total, and no unique code", () => {
    const body = createTransactionBody({
      reference: "payses_01ABC",
      bank_account_id: "vaBca01",
      customer: { name: "Budi", email: "budi@example.com", phone: "081234567890" },
      total: 150000,
      description: "Order",
      expired_in_minutes: 1440,
    })
    expect(body).toEqual(
      expect.objectContaining({
        order_id: "payses_01ABC",
        bank_account_id: "vaBca01",
        total: 150000,
        customers: { name: "Budi", email: "budi@example.com", phone: "081234567890" },
        is_unique_code_active: false,
        expired_in_minutes: 1440,
      })
    )
    expect((body.items as { price: number; qty: number }[]).reduce((s, i) => s + i.price * i.qty, 0)).toBe(150000)
  })

  it("reads a VA answer: number, exact total, WIB deadline, holder (never the login username)", () => {
    const t = toCreatedTransaction(mootaCreatedTransactionSchema.parse(VA_ANSWER), 150000)
    expect(t).toEqual({
      trx_id: "TRX-8Gq2k",
      total: 150000,
      unique_code: 0,
      va_number: "8808123456789012",
      qr_url: null,
      qr_string: null,
      payment_url: "https://app.moota.co/payment/TRX-8Gq2k",
      expires_at: new Date("2026-12-02T11:30:00Z"),
      account_holder: "TOKO CONTOH",
    })
  })

  it("reads a QRIS answer with a numeric trx id and unknown fields", () => {
    const t = toCreatedTransaction(mootaCreatedTransactionSchema.parse(QRIS_ANSWER), 150000)
    expect(t).toEqual(expect.objectContaining({ trx_id: "991", va_number: null, qr_url: "https://app.moota.co/qr/991.png", total: 150000 }))
    expect(t.expires_at?.toISOString()).toBe("2026-12-02T11:30:00.000Z")
  })

  it("refuses an answer without a trx id, or with neither VA number nor QR", () => {
    expect(mootaCreatedTransactionSchema.safeParse({ data: { total: 1 } }).success).toBe(false)
    expect(() => toCreatedTransaction(mootaCreatedTransactionSchema.parse({ data: { trx_id: "x", total: 1 } }), 1)).toThrow(
      /neither a VA number nor a QR/
    )
  })

  it("drops links that are not http(s)", () => {
    const t = toCreatedTransaction(
      mootaCreatedTransactionSchema.parse({ data: { trx_id: "x", va_number: "123", payment_url: "javascript:alert(1)" } }),
      5
    )
    expect(t.payment_url).toBeNull()
  })
})

describe("transactionProblemOf: Moota's refusals as what the buyer must fix", () => {
  it.each([
    [{ "customers.phone": ["The customers.phone field is required."] }, "phone"],
    [{ total: ["The total must be at least 10000."] }, "min_total"],
    [{ "customers.email": ["The customers.email must be a valid email address."] }, "email"],
    [{ "customers.name": ["The customers.name field is required."] }, "name"],
    [{ bank_account_id: ["The selected bank account id is invalid."] }, "rejected"],
  ])("422 %j -> %s", (errors, problem) => {
    expect(transactionProblemOf(validation(errors))).toBe(problem)
  })

  it("reads Moota's words when it names no field", () => {
    expect(transactionProblemOf(validation({}, "Nomor HP wajib diisi"))).toBe("phone")
    expect(transactionProblemOf(validation({}, "Total Pembayaran minimal Rp10.000"))).toBe("min_total")
  })

  it("treats 5xx, 429, timeouts and unreadable answers as Moota being unavailable", () => {
    const err = (status: number | null, code: "http" | "timeout" | "invalid_response" = "http") =>
      new MootaApiError({ message: "x", status, endpoint: "POST /create-transaction", retriable: true, code })
    expect(transactionProblemOf(err(503))).toBe("unavailable")
    expect(transactionProblemOf(err(429))).toBe("unavailable")
    expect(transactionProblemOf(err(null, "timeout"))).toBe("unavailable")
    expect(transactionProblemOf(err(200, "invalid_response"))).toBe("unavailable")
    expect(transactionProblemOf(new Error("boom"))).toBe("unavailable")
  })
})

describe("normalizePhone", () => {
  it.each([
    ["0812-3456-7890", "081234567890"],
    ["+62 812 3456 7890", "6281234567890"],
    ["(021) 555-1234", "0215551234"],
  ])("%s -> %s", (raw, phone) => expect(normalizePhone(raw)).toBe(phone))

  it.each([[""], ["abc"], ["123"], ["9".repeat(41)], [42]])("refuses %j", (raw) => expect(normalizePhone(raw)).toBeNull())
})
