import { accountLabel, formatAmount, lastDigits } from "../format"

describe("admin account and amount formatting", () => {
  it("names an account by bank, holder and its last four digits, never more of the number", () => {
    expect(accountLabel({ bank: "BCA", account_holder: "Toko Maju", account_number_masked: "******7890" })).toBe("BCA · Toko Maju · ••7890")
    expect(accountLabel({ bank: "Mandiri", account_holder: "Toko Maju", account_number_masked: "*********5678" })).toBe(
      "Mandiri · Toko Maju · ••5678"
    )
    // A QRIS account has no number: nothing dangling.
    expect(accountLabel({ bank: "QRIS", account_holder: "Toko Maju", account_number_masked: null })).toBe("QRIS · Toko Maju")
    expect(accountLabel({ bank: "BNI", account_number_masked: "1234-5678-90" })).toBe("BNI · ••7890")
    expect(lastDigits("****")).toBeNull()
    expect(lastDigits(undefined)).toBeNull()
  })

  it("writes amounts in both languages as the buyer's card does, Rp165.000 (issue 26)", () => {
    expect(formatAmount(165_732, "en")).toBe("Rp165.732")
    expect(formatAmount(165_732, "id")).toBe("Rp165.732")
    expect(formatAmount(1_000_000.5, "en")).toBe("Rp1.000.000,50")
    expect(formatAmount(1_000_000.5, "id")).toBe("Rp1.000.000,50")
    expect(formatAmount(999, "en")).toBe("Rp999")
    expect(formatAmount(-7, "en")).toBe("-Rp7")
    expect(formatAmount(0, "en")).toBe("Rp0")
    expect(() => formatAmount(Number.POSITIVE_INFINITY, "en")).toThrow(RangeError)
  })
})
