import type { MatchDecision } from "../matching"
import { parseMootaOptions } from "../options"
import {
  applyTriage,
  isHistory,
  isNear,
  isOtherCredit,
  nearBand,
  needsTriage,
  TRIAGE_RECENT_DAYS,
  triageCredit,
  type TriageInput,
  type TriageReservation,
} from "../triage"

const now = new Date("2026-11-26T05:00:00Z") // 12:00 WIB
const DAY = 86_400_000
const res = (over: Partial<TriageReservation> = {}): TriageReservation => ({
  id: "mres_1",
  status: "awaiting",
  order_total: 165_000,
  transfer_amount: 165_321,
  updated_at: new Date(now.getTime() - DAY),
  same_account: true,
  ...over,
})
const input = (over: Partial<TriageInput> = {}): TriageInput => ({
  amount: 2_500,
  mutation_date: now,
  first_seen_at: new Date("2026-11-20T00:00:00Z"),
  reservations: [res()],
  mode: "log",
  tolerance_percent: 3,
  code_max: 999,
  now,
  ...over,
})
const unmatched: MatchDecision = { kind: "review", reason: "unmatched", reservation_id: null, candidate_ids: [], detail: "x" }

describe("triageCredit", () => {
  it("logs a small credit that no order could explain as unrelated", () => {
    expect(triageCredit(input())).toEqual({ kind: "unrelated" })
  })

  it.each([
    ["equal to an order total", 165_000],
    ["equal to a transfer amount", 165_321],
  ])("reviews a credit %s", (_name, amount) => {
    expect(triageCredit(input({ amount }))).toEqual({ kind: "review", why: "near_order", reservation_ids: ["mres_1"] })
  })

  it("reviews a credit within the unique-code range of a total, and not one past it", () => {
    const zero = { tolerance_percent: 0 }
    expect(triageCredit(input({ ...zero, amount: 165_000 + 999 })).kind).toBe("review")
    expect(triageCredit(input({ ...zero, amount: 165_000 - 999 })).kind).toBe("review")
    // 165_321 + 999 is the far edge of the transfer amount's code range; one more is outside both.
    expect(triageCredit(input({ ...zero, amount: 165_321 + 999 })).kind).toBe("review")
    expect(triageCredit(input({ ...zero, amount: 165_321 + 1_000 })).kind).toBe("unrelated")
    expect(triageCredit(input({ ...zero, amount: 165_000 - 1_000 })).kind).toBe("unrelated")
  })

  it("reviews a credit inside the tolerance and logs one just outside it", () => {
    const codeless = { code_max: 0, reservations: [res({ order_total: 100_000, transfer_amount: 100_000 })] }
    expect(triageCredit(input({ ...codeless, amount: 103_000 })).kind).toBe("review") // exactly 3 %
    expect(triageCredit(input({ ...codeless, amount: 97_000 })).kind).toBe("review")
    expect(triageCredit(input({ ...codeless, amount: 103_001 })).kind).toBe("unrelated")
    expect(triageCredit(input({ ...codeless, amount: 96_999 })).kind).toBe("unrelated")
    expect(triageCredit(input({ ...codeless, amount: 105_000, tolerance_percent: 5 })).kind).toBe("review")
  })

  it.each([
    ["awaiting", res()],
    ["quarantined", res({ status: "quarantined", updated_at: new Date(now.getTime() - 30 * DAY) })],
    ["recently expired", res({ status: "expired" })],
    ["recently paid", res({ status: "paid" })],
    ["recently canceled", res({ status: "expired", updated_at: new Date(now.getTime() - (TRIAGE_RECENT_DAYS * DAY - 1)) })],
    ["recently released by the merchant", res({ status: "released" })],
  ])("counts a reservation that is %s", (_name, r) => {
    expect(triageCredit(input({ amount: 165_000, reservations: [r] })).kind).toBe("review")
  })

  it(`ignores reservations that ended more than ${TRIAGE_RECENT_DAYS} days before the credit`, () => {
    const old = new Date(now.getTime() - TRIAGE_RECENT_DAYS * DAY - 1)
    for (const status of ["expired", "paid", "released"] as const) {
      expect(triageCredit(input({ amount: 165_000, reservations: [res({ status, updated_at: old })] })).kind).toBe("unrelated")
    }
  })

  it("on another of the shop's accounts, counts only an exact amount", () => {
    const other = [res({ same_account: false })]
    expect(triageCredit(input({ amount: 165_321, reservations: other })).kind).toBe("review")
    expect(triageCredit(input({ amount: 165_000, reservations: other })).kind).toBe("review")
    expect(triageCredit(input({ amount: 165_322, reservations: other })).kind).toBe("unrelated")
  })

  it("reviews a credit a buyer's claim names, whatever its amount", () => {
    expect(triageCredit(input({ claimed: true, reservations: [] }))).toEqual({ kind: "review", why: "claimed", reservation_ids: [] })
  })

  it("reviews every credit when the merchant asked to review everything", () => {
    expect(triageCredit(input({ mode: "review", reservations: [] }))).toEqual({ kind: "review", why: "review_all", reservation_ids: [] })
  })

  it("records a credit dated before the plugin first saw the account as history, even in review-everything mode", () => {
    const before = new Date("2026-11-19T23:00:00Z")
    expect(triageCredit(input({ mutation_date: before }))).toEqual({ kind: "history" })
    expect(triageCredit(input({ mutation_date: before, mode: "review" }))).toEqual({ kind: "history" })
  })
})

describe("isHistory", () => {
  const firstSeen = new Date("2026-11-26T04:00:00Z") // 11:00 WIB
  it("is false without a first-seen time or a mutation date", () => {
    expect(isHistory(new Date(0), null)).toBe(false)
    expect(isHistory(null, firstSeen)).toBe(false)
  })
  it("tolerates a few minutes of skew and compares days for date-only stamps", () => {
    expect(isHistory(new Date("2026-11-26T03:57:00Z"), firstSeen)).toBe(false)
    expect(isHistory(new Date("2026-11-26T03:50:00Z"), firstSeen)).toBe(true)
    expect(isHistory(new Date("2026-11-25T17:00:00Z"), firstSeen)).toBe(false) // 26 Nov 00:00 WIB, same day
    expect(isHistory(new Date("2026-11-24T17:00:00Z"), firstSeen)).toBe(true)
  })
})

describe("applyTriage", () => {
  it("turns an unmatched credit with no candidate into an unrelated or history outcome, never a review", () => {
    expect(applyTriage(unmatched, input())).toEqual({ kind: "ignore", outcome: "unrelated" })
    expect(applyTriage(unmatched, input({ mutation_date: new Date("2026-11-01T05:00:00Z") }))).toEqual({ kind: "ignore", outcome: "history" })
    expect(applyTriage(unmatched, input({ amount: 165_000 }))).toBe(unmatched)
  })

  it("leaves every review that names a reservation, and every capture, as the matcher decided", () => {
    const withCandidate: MatchDecision = { ...unmatched, candidate_ids: ["mres_9"] } as MatchDecision
    const expired: MatchDecision = { kind: "review", reason: "expired", reservation_id: "mres_9", candidate_ids: ["mres_9"], detail: "x" }
    const capture: MatchDecision = { kind: "capture", reservation_id: "mres_9" }
    for (const d of [withCandidate, expired, capture]) {
      expect(needsTriage(d)).toBe(false)
      expect(applyTriage(d, input())).toBe(d)
    }
  })

  it("keeps an invalid amount in review unless it predates the plugin", () => {
    const invalid: MatchDecision = { kind: "review", reason: "invalid_amount", reservation_id: null, candidate_ids: [], detail: "x" }
    expect(applyTriage(invalid, input({ amount: null }))).toBe(invalid)
    expect(applyTriage(invalid, input({ amount: null, mutation_date: new Date("2026-11-01T05:00:00Z") }))).toEqual({
      kind: "ignore",
      outcome: "history",
    })
  })
})

describe("nearBand", () => {
  it("covers every total or transfer amount isNear accepts", () => {
    for (const [amount, pct, code] of [[165_000, 3, 999], [2_500, 3, 999], [100_000, 0, 0], [1_000_000, 50, 1]]) {
      const { min, max } = nearBand(amount, pct, code)
      for (const ref of [min - 1, max + 1]) {
        expect(isNear(amount, ref, pct, code)).toBe(false)
      }
      expect(isNear(amount, min, pct, code) || isNear(amount, min + 1, pct, code)).toBe(true)
    }
  })
})

describe("options: unrelated credits", () => {
  const base = { accounts: [{ bankId: "b1", bank: "BCA", accountNumber: "1234567890", accountHolder: "Toko" }] }
  it("defaults to logging with a 3 percent tolerance", () => {
    expect(parseMootaOptions(base)).toEqual(expect.objectContaining({ unrelatedCredits: "log", unrelatedTolerancePercent: 3 }))
  })
  it("names the option in every error", () => {
    expect(() => parseMootaOptions({ ...base, unrelatedCredits: "alert" })).toThrow(/unrelatedCredits: unrelatedCredits must be "log" or "review"/)
    expect(() => parseMootaOptions({ ...base, unrelatedTolerancePercent: 60 })).toThrow(/unrelatedTolerancePercent: unrelatedTolerancePercent must be at most 50/)
    expect(() => parseMootaOptions({ ...base, unrelatedTolerancePercent: -1 })).toThrow(/unrelatedTolerancePercent must be at least 0/)
    expect(() => parseMootaOptions({ ...base, unrelatedTolerancePercent: "3" })).toThrow(/unrelatedTolerancePercent must be a number/)
  })
})

describe("isOtherCredit", () => {
  it("is a processed row logged as unrelated or history, nothing else", () => {
    expect(isOtherCredit({ status: "processed", outcome: "ignored_unrelated" })).toBe(true)
    expect(isOtherCredit({ status: "processed", outcome: "ignored_history" })).toBe(true)
    expect(isOtherCredit({ status: "processed", outcome: "ignored_debit" })).toBe(false)
    expect(isOtherCredit({ status: "processed", outcome: "review_unmatched" })).toBe(false)
    expect(isOtherCredit({ status: "pending", outcome: null })).toBe(false)
  })
})
