import { decideMatch, isBeforeReservation, type MatchCandidate } from "../matching"

const banks = new Set(["bankA"])
const now = new Date("2026-11-26T05:00:00Z")
const cand = (over: Partial<MatchCandidate> = {}): MatchCandidate => ({
  id: "mres_1",
  status: "awaiting",
  created_at: new Date("2026-11-26T04:00:00Z"),
  release_reason: null,
  order_status: "pending",
  ...over,
})
const cr = { mutation_id: "aolk4PekJxM", type: "CR", bank_id: "bankA", amount: 150_123, mutation_date: now }

describe("decideMatch", () => {
  it("captures exactly one awaiting reservation with the exact amount", () => {
    expect(decideMatch(cr, banks, [cand()])).toEqual({ kind: "capture", reservation_id: "mres_1" })
  })

  it("ignores the admin's signed test deliveries, whatever their amount", () => {
    expect(decideMatch({ ...cr, mutation_id: "test-1a2b3c" }, banks, [cand()])).toEqual({ kind: "ignore", outcome: "test" })
  })

  it("ignores money going out and accounts that are not configured", () => {
    expect(decideMatch({ ...cr, type: "DB" }, banks, [cand()])).toEqual({ kind: "ignore", outcome: "debit" })
    expect(decideMatch({ ...cr, bank_id: "other" }, banks, [cand()])).toEqual({ kind: "ignore", outcome: "unknown_account" })
  })

  it.each([
    ["no candidate", [], "unmatched"],
    ["two live candidates", [cand(), cand({ id: "mres_2" })], "ambiguous"],
    ["a quarantined (late) reservation", [cand({ status: "quarantined" })], "expired"],
    ["an order canceled in the admin", [cand({ order_status: "canceled" })], "canceled"],
    ["a reservation stopped by a cancel", [cand({ status: "quarantined", release_reason: "order_canceled" })], "canceled"],
    ["an order already paid", [cand({ status: "paid" })], "already_paid"],
    ["an expired reservation past quarantine", [cand({ status: "expired" })], "expired"],
    ["a released reservation", [cand({ status: "released", release_reason: "session_deleted" })], "unmatched"],
  ])("sends %s to review, never to capture", (_name, candidates, reason) => {
    const d = decideMatch(cr, banks, candidates as MatchCandidate[])
    expect(d).toEqual(expect.objectContaining({ kind: "review", reason }))
  })

  it("sends a mutation dated before the reservation to review", () => {
    const d = decideMatch({ ...cr, mutation_date: new Date("2026-11-26T03:00:00Z") }, banks, [cand()])
    expect(d).toEqual(expect.objectContaining({ kind: "review", reason: "before_reservation" }))
  })

  it("sends an amount that is not whole rupiah to review", () => {
    expect(decideMatch({ ...cr, amount: null }, banks, [cand()])).toEqual(expect.objectContaining({ reason: "invalid_amount" }))
  })
})

describe("isBeforeReservation", () => {
  const reserved = new Date("2026-11-26T04:00:00Z") // 11:00 WIB
  it("compares calendar days when the bank gives only a date", () => {
    expect(isBeforeReservation(new Date("2026-11-25T17:00:00Z"), reserved)).toBe(false) // 26 Nov 00:00 WIB
    expect(isBeforeReservation(new Date("2026-11-24T17:00:00Z"), reserved)).toBe(true) // 25 Nov 00:00 WIB
  })
  it("tolerates a few minutes of clock skew", () => {
    expect(isBeforeReservation(new Date("2026-11-26T03:57:00Z"), reserved)).toBe(false)
    expect(isBeforeReservation(new Date("2026-11-26T03:50:00Z"), reserved)).toBe(true)
  })
})
