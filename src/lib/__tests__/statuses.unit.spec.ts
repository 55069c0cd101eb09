import { REVIEW_REASONS, RESERVATION, RESERVATION_STATUSES, byName, isOpenReservation } from "../statuses"

describe("byName", () => {
  it("names every value by itself and cannot be changed", () => {
    const reasons = byName(REVIEW_REASONS)
    expect(Object.keys(reasons)).toEqual([...REVIEW_REASONS])
    expect(Object.values(reasons)).toEqual([...REVIEW_REASONS])
    expect(Object.isFrozen(reasons)).toBe(true)
  })
})

describe("isOpenReservation", () => {
  it("is true only while the amount is still offered to the buyer", () => {
    expect(RESERVATION_STATUSES.filter(isOpenReservation)).toEqual([RESERVATION.awaiting, RESERVATION.quarantined])
  })
})
