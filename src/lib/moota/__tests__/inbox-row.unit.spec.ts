import { storableText, toInboxInput } from "../inbox-row"

describe("toInboxInput", () => {
  const base = { mutation_id: "m1", bank_id: "bankA", type: "CR" as const, account_number: "235264741", date: "2026-11-26 11:00:00" }
  it("parses numbers and numeric strings, masks the account number, reads WIB", () => {
    expect(toInboxInput({ ...base, amount: "150123.00" })).toEqual(
      expect.objectContaining({ amount: 150_123, amount_raw: "150123.00", account_number_masked: "*****4741", mutation_date: new Date("2026-11-26T04:00:00Z") })
    )
    expect(toInboxInput({ ...base, amount: 150123 }).amount).toBe(150_123)
  })
  it("keeps an unusable amount raw, for review, instead of guessing", () => {
    expect(toInboxInput({ ...base, amount: "150123.50" }).amount).toBeNull()
    expect(toInboxInput({ ...base, amount: "1e5" }).amount).toBeNull()
  })
})

describe("toInboxInput: text PostgreSQL cannot hold", () => {
  const base = { mutation_id: "m1", bank_id: "bankA", type: "CR" as const, amount: 1000, date: "2026-11-26 11:00:00" }
  it("drops NUL characters and replaces half surrogate pairs, keeping whole ones", () => {
    const row = toInboxInput({
      ...base,
      description: "TRSF\u0000 E-BANKING \ud800 CR \udc00 😀",
      payment_detail: { "k\u0000": ["a\u0000b", { c: "\udbff" }], n: 5 },
    })
    expect(row.description).toBe("TRSF E-BANKING \ufffd CR \ufffd 😀")
    expect(row.payment_detail).toEqual({ k: ["ab", { c: "\ufffd" }], n: 5 })
  })
  it("never leaves half of a pair where a long description is cut", () => {
    const row = toInboxInput({ ...base, description: "x".repeat(499) + "😀" })
    expect(row.description).toBe("x".repeat(499) + "\ufffd")
    expect(storableText("ok")).toBe("ok")
  })
})
