import {
  alertBucket,
  buildBuyerMessage,
  notificationKey,
  notificationKeyParts,
  pickLocale,
  qrisAttachments,
  resourceOf,
  type BuyerMessage,
  type BuyerMessageInput,
} from "../notifications"
import { parseMootaOptions } from "../options"

const DEADLINE = new Date("2026-11-27T04:00:00.000Z") // 11.00 WIB
const PAID_AT = new Date("2026-11-26T09:30:00.000Z") // 16.30 WIB

function input(message: BuyerMessage, over: Partial<BuyerMessageInput> = {}): BuyerMessageInput {
  return {
    message,
    locale: "id",
    store_name: "Toko Contoh",
    auto_cancel: true,
    order: { id: "order_1", display_id: 42, email: "budi@example.com", customer_name: "Budi" },
    payment: {
      order_total: 165_000,
      transfer_amount: 165_123,
      unique_code: 123,
      expires_at: DEADLINE,
      accounts: [
        { bank_id: "bca1", kind: "bank", bank: "BCA", account_number: "1234567890", account_holder: "TOKO CONTOH" },
        {
          bank_id: "qris1",
          kind: "qris",
          bank: "QRIS",
          account_number: null,
          account_holder: "TOKO CONTOH",
          qris_payload: "000201",
          qris_image: "data:image/png;base64,iVBORw0KGgo=",
        },
      ],
      ...(message === "payment_received" ? { received_amount: 165_123, paid_at: PAID_AT, paid_to: "BCA" } : {}),
    },
    ...over,
  }
}

describe("buildBuyerMessage", () => {
  it("gives every message the same documented data, with amounts and times ready to show", () => {
    const { data } = buildBuyerMessage(input("payment_received"))
    expect(data).toEqual({
      message: "payment_received",
      locale: "id",
      subject: expect.any(String),
      text: expect.any(String),
      store_name: "Toko Contoh",
      order: { id: "order_1", display_id: 42, email: "budi@example.com", customer_name: "Budi" },
      payment: {
        order_total: 165_000,
        order_total_formatted: "Rp165.000",
        transfer_amount: 165_123,
        transfer_amount_formatted: "Rp165.123",
        unique_code: 123,
        expires_at: "2026-11-27T04:00:00.000Z",
        expires_at_text: { id: "27 November 2026 11.00 WIB", en: "27 November 2026 11:00 WIB" },
        accounts: input("payment_received").payment.accounts,
        received_amount: 165_123,
        received_amount_formatted: "Rp165.123",
        paid_at: "2026-11-26T09:30:00.000Z",
        paid_at_text: { id: "26 November 2026 16.30 WIB", en: "26 November 2026 16:30 WIB" },
        paid_to: "BCA",
      },
      request: null,
    })
  })

  it("asks for an additional payment after an edit of a paid order, in both languages, with the link", () => {
    const request = { outstanding: 150_000, additional: true, remains_after: 0, link: "https://toko.example/payment-collection/pc_1?order_id=order_1" }
    const over = { payment: { ...input("payment_requested").payment, order_total: 150_000, transfer_amount: 150_321, unique_code: 321 }, request }
    const id = buildBuyerMessage(input("payment_requested", over))
    expect(id.subject).toBe("Tambahan pembayaran pesanan #42")
    expect(id.text).toContain("Pesanan #42 berubah dan perlu tambahan pembayaran Rp150.000.")
    expect(id.text).toContain("Mohon transfer tepat Rp150.321 sebelum 27 November 2026 11.00 WIB")
    expect(id.text).toContain("- BCA 1234567890 a.n. TOKO CONTOH")
    expect(id.text).toContain(request.link)
    expect(id.text).not.toContain("sisanya")
    expect(id.data.request).toEqual({ ...request, outstanding_formatted: "Rp150.000", remains_after_formatted: null })
    const en = buildBuyerMessage(input("payment_requested", { ...over, locale: "en" }))
    expect(en.subject).toBe("Additional payment for order #42")
    expect(en.text).toContain("Order #42 changed and needs an additional payment of Rp150.000.")
    expect(en.text).toContain("Please transfer exactly Rp150.321 before 27 November 2026 11:00 WIB")
  })

  it("tells the buyer of an awaiting order whose total grew to send the amount they have, then the rest", () => {
    const request = { outstanding: 315_000, additional: false, remains_after: 150_000, link: null }
    const id = buildBuyerMessage(input("payment_requested", { request }))
    expect(id.subject).toBe("Total pesanan #42 berubah")
    expect(id.text).toContain("yang perlu dibayar sekarang Rp315.000")
    expect(id.text).toContain("Mohon transfer tepat Rp165.123")
    expect(id.text).toContain("sisanya Rp150.000 kami minta terpisah")
    expect(id.text).not.toContain("http")
    const en = buildBuyerMessage(input("payment_requested", { request, locale: "en" }))
    expect(en.subject).toBe("The total of order #42 changed")
    expect(en.text).toContain("we will ask for the remaining Rp150.000 separately")
  })

  it("leaves the payment fields empty before the transfer", () => {
    const { data } = buildBuyerMessage(input("awaiting_payment"))
    expect(data.payment).toEqual(
      expect.objectContaining({ received_amount: null, received_amount_formatted: null, paid_at: null, paid_at_text: null, paid_to: null })
    )
  })

  it("writes the awaiting message in Bahasa Indonesia: amount, deadline, every account", () => {
    const m = buildBuyerMessage(input("awaiting_payment"))
    expect(m.subject).toBe("Menunggu pembayaran pesanan #42")
    expect(m.text).toBe(
      [
        "Halo Budi,",
        "",
        "Terima kasih atas pesanan #42. Mohon transfer tepat Rp165.123 sebelum 27 November 2026 11.00 WIB ke salah satu tujuan berikut:",
        "- BCA 1234567890 a.n. TOKO CONTOH",
        "- QRIS a.n. TOKO CONTOH: pindai kode QR terlampir (nominal sudah terisi)",
        "",
        "Nominal sudah termasuk kode unik: jangan dibulatkan. Nominal yang berbeda tidak dapat dikonfirmasi otomatis.",
        "Pesanan dibatalkan otomatis bila pembayaran belum kami terima sampai batas waktu.",
        "",
        "Terima kasih,",
        "Toko Contoh",
      ].join("\n")
    )
    expect(m.data.subject).toBe(m.subject)
    expect(m.data.text).toBe(m.text)
  })

  it("tells a buyer paying a VA number of the order's own to pay the exact total, with no unique code to explain", () => {
    const va = { bank_id: "va1", kind: "moota_va" as const, bank: "BCA Virtual Account", account_number: "8808123456789012", account_holder: "TOKO CONTOH" }
    const base = input("awaiting_payment")
    const m = buildBuyerMessage({ ...base, payment: { ...base.payment, transfer_amount: 165_000, unique_code: 0, accounts: [va] } })
    expect(m.text).toContain("- BCA Virtual Account 8808123456789012 a.n. TOKO CONTOH")
    expect(m.text).toContain("Nomor VA/kode QR ini khusus untuk pesanan ini: bayar tepat nominal di atas.")
    expect(m.text).not.toContain("kode unik")
  })

  it("writes the awaiting message in English, without the cancel sentence when orders are not auto-canceled", () => {
    const m = buildBuyerMessage(input("awaiting_payment", { locale: "en", auto_cancel: false, store_name: null }))
    expect(m.subject).toBe("Awaiting payment for order #42")
    expect(m.text).toContain("Please transfer exactly Rp165.123 before 27 November 2026 11:00 WIB to one of:")
    expect(m.text).toContain("- BCA 1234567890 in the name of TOKO CONTOH")
    expect(m.text).not.toMatch(/canceled/)
    expect(m.text).not.toMatch(/\n\n\n/)
    expect(m.text.endsWith("Thank you.")).toBe(true)
  })

  it.each([
    ["id", "payment_reminder", "Pengingat: bayar pesanan #42 sebelum 27 November 2026 11.00 WIB", "Abaikan pesan ini bila Anda sudah membayar."],
    ["en", "payment_reminder", "Reminder: pay order #42 before 27 November 2026 11:00 WIB", "ignore this message if you have already paid"],
    ["id", "payment_received", "Pembayaran pesanan #42 sudah diterima", "Pembayaran Rp165.123 untuk pesanan #42 sudah kami terima (26 November 2026 16.30 WIB)"],
    ["en", "payment_received", "Payment received for order #42", "We have received Rp165.123 for order #42 (26 November 2026 16:30 WIB)"],
    ["id", "order_canceled", "Pesanan #42 dibatalkan", "Tidak ada dana yang ditarik dari Anda."],
    ["en", "order_canceled", "Order #42 canceled", "Nothing was charged."],
  ] as const)("writes %s %s", (locale, message, subject, phrase) => {
    const m = buildBuyerMessage(input(message, { locale }))
    expect(m.subject).toBe(subject)
    expect(m.text).toContain(phrase)
  })

  it("greets without a name and refers to the order id when there is no display id", () => {
    const m = buildBuyerMessage(input("order_canceled", { order: { id: "order_9", display_id: null, email: "x@y.z", customer_name: null } }))
    expect(m.text.startsWith("Halo,\n")).toBe(true)
    expect(m.subject).toBe("Pesanan #order_9 dibatalkan")
  })
})

describe("pickLocale", () => {
  it.each([
    ["id-ID", "en", "id"],
    ["en_US", "id", "en"],
    ["EN", "id", "en"],
    ["fr-FR", "id", "id"],
    [null, "en", "en"],
    [undefined, "id", "id"],
  ] as const)("reads %s (fallback %s) as %s", (orderLocale, fallback, expected) => {
    expect(pickLocale(orderLocale, fallback)).toBe(expected)
  })
})

describe("keys and buckets", () => {
  it("keys a message by kind, subject and channel", () => {
    expect(notificationKey("payment_reminder", "mres_1", "email")).toBe("payment_reminder:mres_1:email")
    const { prefix, suffix } = notificationKeyParts("payment_reminder", "email")
    expect(`${prefix}mres_1${suffix}`).toBe(notificationKey("payment_reminder", "mres_1", "email"))
  })

  it("puts times of one interval in one bucket and the next interval in another", () => {
    const start = new Date("2026-11-26T06:00:00.000Z")
    expect(alertBucket(start, 360)).toBe(alertBucket(new Date(start.getTime() + 359 * 60_000), 360))
    expect(alertBucket(start, 360)).not.toBe(alertBucket(new Date(start.getTime() + 360 * 60_000), 360))
  })
})

describe("what a logged message carries", () => {
  it("attaches each QRIS image inline, and nothing else", () => {
    const { data } = buildBuyerMessage(input("awaiting_payment"))
    expect(qrisAttachments(data)).toEqual([
      { filename: "qris-qris1.png", content: "iVBORw0KGgo=", content_type: "image/png", disposition: "inline", id: "qris-qris1" },
    ])
    expect(qrisAttachments({ payment: { accounts: [{ bank_id: "x", qris_image: "https://evil.example/x.png" }] } })).toEqual([])
    expect(qrisAttachments(null)).toEqual([])
    expect(qrisAttachments({ title: "t" })).toEqual([])
  })

  it("names the resource a message is about", () => {
    expect(resourceOf(buildBuyerMessage(input("order_canceled")).data)).toEqual({ id: "order_1", type: "order" })
    expect(resourceOf({ order_id: "order_2", review_item_id: "mrev_1" })).toEqual({ id: "order_2", type: "order" })
    expect(resourceOf({ order_id: null, review_item_id: "mrev_1" })).toEqual({ id: "mrev_1", type: "moota_review_item" })
    expect(resourceOf({ alert: "token_rejected" })).toBeNull()
  })
})

describe("notification options", () => {
  const accounts = [{ bankId: "b1", bank: "BCA", accountNumber: "1234567890", accountHolder: "Toko" }]

  it("keeps buyer messages off and feed alerts on by default", () => {
    expect(parseMootaOptions({ accounts }).notifications).toEqual({
      channel: "email",
      locale: "id",
      templates: {
        awaitingPayment: "",
        paymentReceived: "",
        paymentReminder: "",
        orderCanceled: "",
        paymentRequested: "",
        refundSent: "",
        merchantFeed: "admin-ui",
        merchantEmail: "",
      },
      feedChannel: "feed",
      reminderMinutesBefore: 180,
      alertIntervalMinutes: 360,
      maxAttempts: 5,
      expiryWarningDays: 7,
    })
  })

  it("keeps the defaults of what is not given", () => {
    const n = parseMootaOptions({ accounts, notifications: { templates: { awaitingPayment: "a" }, locale: "en" } }).notifications
    expect(n.templates).toEqual(expect.objectContaining({ awaitingPayment: "a", paymentReceived: "", merchantFeed: "admin-ui" }))
    expect(n.locale).toBe("en")
  })

  it.each([
    [{ merchantEmail: "kasir" }, /notifications\.merchantEmail: merchantEmail must be an e-mail address/],
    [{ webhookSecretExpiresAt: "soon" }, /notifications\.webhookSecretExpiresAt: must be an ISO 8601 date/],
    [{ locale: "fr" }, /notifications\.locale/],
    [{ reminderMinutesBefore: 1 }, /notifications\.reminderMinutesBefore/],
  ])("names a bad option: %j", (notifications, message) => {
    expect(() => parseMootaOptions({ accounts, notifications })).toThrow(message)
  })
})
