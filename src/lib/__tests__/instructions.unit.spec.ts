import { buildSessionData } from "../instructions"
import { parseTlv, verifyQrisCrc, buildStaticQris } from "../qris"

const accounts = [
  { bankId: "b1", kind: "bank" as const, bank: "BCA", accountNumber: "1234567890", accountHolder: "TOKO", enabled: true },
  {
    bankId: "q1",
    kind: "qris" as const,
    bank: "QRIS",
    accountHolder: "TOKO",
    enabled: true,
    qris: buildStaticQris({ merchantName: "TOKO CONTOH", city: "JAKARTA", nmid: "ID0000000000001" }),
  },
]

function data(over: Partial<Parameters<typeof buildSessionData>[0]> = {}) {
  return buildSessionData({
    session_id: "payses_1",
    reservation_id: "mres_1",
    status: "awaiting",
    order_total: 150_500,
    unique_code: 700,
    unique_code_mode: "increase",
    transfer_amount: 151_200,
    expires_at: new Date("2026-11-27T04:00:00Z"),
    accounts,
    ...over,
  })
}

describe("buildSessionData", () => {
  it("names the transfer amount's own last three digits, not the code", () => {
    const d = data()
    expect(d.transfer_amount_formatted).toBe("Rp151.200")
    expect(d.instructions.id).toContain("Transfer tepat Rp151.200")
    expect(d.instructions.id).toContain("3 digit terakhir (200)")
    expect(d.instructions.en).toContain("down to the last 3 digits (200)")
    expect(d.expires_at_text).toEqual({ id: expect.stringMatching(/27 November 2026 11\.00 WIB/), en: expect.stringMatching(/27 November 2026 11:00 WIB/) })
  })

  it("does the same in decrease mode", () => {
    const d = data({ unique_code_mode: "decrease", transfer_amount: 149_800 })
    expect(d.instructions.en).toContain("Rp149.800, down to the last 3 digits (800)")
  })

  it("embeds the exact amount in the QRIS account's dynamic payload", () => {
    const qris = data().accounts[1]
    expect(qris.account_number).toBeNull()
    const fields = parseTlv(qris.qris_payload!)
    expect(fields.find((f) => f.id === "54")?.value).toBe("151200")
    expect(fields.find((f) => f.id === "01")?.value).toBe("12")
    expect(verifyQrisCrc(qris.qris_payload!)).toBe(true)
    expect(data().accounts[0].qris_payload).toBeUndefined()
  })
})
