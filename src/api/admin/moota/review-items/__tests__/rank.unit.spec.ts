import type { AdminMootaCandidate } from "../../types"
import { rankByEvidence } from "../candidates"

/** A candidate as candidatesOf builds it, with only what the ranking reads set. */
function candidate(id: string, over: Partial<AdminMootaCandidate> = {}): AdminMootaCandidate {
  return {
    reservation_id: id,
    status: "reserved" as AdminMootaCandidate["status"],
    release_reason: null,
    bank_ids: ["bca"],
    transfer_amount: 165_243,
    order_total: 165_000,
    unique_code: 243,
    difference: 0,
    created_at: "2026-12-05T10:00:00.000Z",
    expires_at: "2026-12-06T10:00:00.000Z",
    order: { id: `order_${id}`, display_id: 1, status: "pending", email: null, customer_name: null } as AdminMootaCandidate["order"],
    hints: [],
    matchable: true,
    overrides: [],
    evidence: null,
    ...over,
  }
}

const ids = (cs: AdminMootaCandidate[]) => cs.map((c) => [c.reservation_id, c.evidence])

describe("review suggestions ranked by evidence (issue 26)", () => {
  it("puts the order whose buyer reported the transfer first, even behind an exception, and no other one-click match", () => {
    const ranked = rankByEvidence([
      candidate("five"),
      candidate("nine"),
      candidate("released", { matchable: false, order: null, status: "released" as AdminMootaCandidate["status"] }),
      candidate("claimed", { hints: ["claimed"], overrides: ["amount_difference"] }),
    ])
    expect(ids(ranked)).toEqual([
      ["claimed", "claimed"],
      ["five", null],
      ["nine", null],
      ["released", null],
    ])
  })

  it("marks the only fitting open order as evidence, ahead of orders that need an exception", () => {
    const ranked = rankByEvidence([candidate("late", { overrides: ["placed_after_transfer"] }), candidate("fits")])
    expect(ids(ranked)).toEqual([
      ["fits", "only_fit"],
      ["late", null],
    ])
  })

  it("gives no one-click match when two orders fit and nobody reported the transfer", () => {
    expect(ids(rankByEvidence([candidate("a"), candidate("b")]))).toEqual([
      ["a", null],
      ["b", null],
    ])
  })

  it("keeps a matched candidate on top and trusts no claim on an order that cannot be matched", () => {
    const ranked = rankByEvidence([
      candidate("paid", { hints: ["claimed"], matchable: false, status: "paid" as AdminMootaCandidate["status"] }),
      candidate("done", { hints: ["matched"], matchable: false }),
      candidate("fits"),
    ])
    expect(ids(ranked)).toEqual([
      ["done", null],
      ["fits", "only_fit"],
      ["paid", null],
    ])
  })
})
