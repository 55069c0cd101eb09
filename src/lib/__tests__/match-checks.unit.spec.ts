import { matchOverrides } from "../match-checks"

const at = new Date("2026-12-01T05:20:00Z") // 12:20 WIB
const base = { transfer_at: at, transfer_amount: 165_967, payment_amount: 165_967, code_range: 999 }
const started = (iso: string) => ({ ...base, payment_started_at: new Date(iso) })

describe("matchOverrides", () => {
  it("lets a payment started before the transfer, of a fitting amount, match without a reason", () => {
    expect(matchOverrides(started("2026-12-01T05:10:00Z"))).toEqual([])
    // Bank times to the minute: started in the same minute still fits.
    expect(matchOverrides(started("2026-12-01T05:20:45Z"))).toEqual([])
  })

  it("flags an order placed after the transfer arrived (the duplicate at 12:20 offered order #9 of 12:24)", () => {
    expect(matchOverrides(started("2026-12-01T05:24:00Z"))).toEqual(["placed_after_transfer"])
  })

  it("compares days when the bank stamps only the day", () => {
    const dayOnly = new Date("2026-11-30T17:00:00Z") // 2026-12-01 00:00 WIB
    expect(matchOverrides({ ...base, transfer_at: dayOnly, payment_started_at: new Date("2026-12-01T09:00:00Z") })).toEqual([])
    expect(matchOverrides({ ...base, transfer_at: dayOnly, payment_started_at: new Date("2026-12-01T18:00:00Z") })).toEqual(["placed_after_transfer"])
  })

  it("flags an amount further from the order's than the unique-code range (Rp2.500 for a Rp165.000 order)", () => {
    const before = "2026-12-01T05:00:00Z"
    expect(matchOverrides({ ...started(before), transfer_amount: 165_000 })).toEqual([])
    expect(matchOverrides({ ...started(before), transfer_amount: 166_966 })).toEqual([])
    expect(matchOverrides({ ...started(before), transfer_amount: 166_967 })).toEqual(["amount_difference"])
    expect(matchOverrides({ ...started(before), transfer_amount: 2_500 })).toEqual(["amount_difference"])
    expect(matchOverrides({ ...started("2026-12-01T06:00:00Z"), transfer_amount: 2_500 })).toEqual(["placed_after_transfer", "amount_difference"])
  })
})
