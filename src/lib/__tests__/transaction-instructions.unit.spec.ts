import { sessionDataFromReservation } from "../instructions"
import { parseMootaOptions } from "../options"

const options = parseMootaOptions({
  apiToken: "t",
  webhookSecrets: ["s"],
  accounts: [
    { bankId: "bca1", bank: "BCA", accountNumber: "1234567890", accountHolder: "TOKO" },
    { bankId: "va1", kind: "moota_va", bank: "BCA Virtual Account", accountHolder: "TOKO" },
    { bankId: "qr1", kind: "moota_qris", bank: "QRIS", accountHolder: "TOKO" },
  ],
})
const reservation = {
  id: "mres_1",
  session_id: "payses_1",
  status: "awaiting" as const,
  order_total: 150000,
  unique_code: 0,
  code_mode: "increase" as const,
  transfer_amount: 150000,
  bank_ids: ["va1"],
  expires_at: "2026-12-02T11:30:00Z",
}
const va = {
  trx_id: "TRX1",
  kind: "moota_va" as const,
  bank_id: "va1",
  bank: "BCA Virtual Account",
  va_number: "8808123456789012",
  account_holder: "TOKO CONTOH",
  qr_url: null,
  qr_payload: null,
  payment_url: "https://app.moota.co/pay/TRX1",
}

describe("instructions of a session paid through a Moota transaction", () => {
  it("show the VA number as the one account, the exact amount and the deadline, in both languages", () => {
    const data = sessionDataFromReservation({ ...reservation, metadata: { moota_transaction: va } }, options)
    expect(data.accounts).toEqual([
      { bank_id: "va1", kind: "moota_va", bank: "BCA Virtual Account", account_number: "8808123456789012", account_holder: "TOKO CONTOH" },
    ])
    expect(data.moota_transaction).toEqual(va)
    expect(data.instructions.id).toBe(
      "Bayar tepat Rp150.000 ke BCA Virtual Account nomor 8808123456789012 a.n. TOKO CONTOH sebelum 2 Desember 2026 18.30 WIB. " +
        "Nomor virtual account ini khusus untuk pesanan ini dan terkonfirmasi otomatis."
    )
    expect(data.instructions.en).toContain("Pay exactly Rp150.000 to BCA Virtual Account number 8808123456789012")
  })

  it("show a Moota QR by its link when Moota gave no QR text", () => {
    const qr = { ...va, kind: "moota_qris" as const, bank_id: "qr1", bank: "QRIS", va_number: null, qr_url: "https://x/qr.png" }
    const data = sessionDataFromReservation({ ...reservation, metadata: { moota_transaction: qr } }, options)
    expect(data.accounts).toEqual([expect.objectContaining({ kind: "moota_qris", account_number: null, qr_url: "https://x/qr.png" })])
    expect(data.instructions.en).toMatch(/^Scan the QRIS code above and pay exactly Rp150\.000/)
  })

  it("offer a unique-code session only the unique-code accounts, and list the VA/QRIS choices apart", () => {
    const data = sessionDataFromReservation({ ...reservation, bank_ids: ["bca1"], transfer_amount: 150123, unique_code: 123 }, options)
    expect(data.accounts.map((a) => a.bank_id)).toEqual(["bca1"])
    expect(data.moota_transaction).toBeUndefined()
    expect(data.transaction_accounts).toEqual([
      { bank_id: "va1", kind: "moota_va", bank: "BCA Virtual Account" },
      { bank_id: "qr1", kind: "moota_qris", bank: "QRIS" },
    ])
  })
})
