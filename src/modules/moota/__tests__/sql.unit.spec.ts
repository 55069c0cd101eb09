import { INBOX } from "../../../lib/statuses"
import { sqlList, sqlValue } from "../stores/sql"

describe("sqlValue / sqlList", () => {
  it("quotes declared statuses", () => {
    expect(sqlValue(INBOX.pending)).toBe("'pending'")
    expect(sqlList([INBOX.pending, INBOX.matched])).toBe("'pending', 'matched'")
  })

  it("refuses anything that is not a plain status name", () => {
    for (const bad of ["x'; DROP TABLE moota_reservation; --", "Pending", "", "a b"]) {
      expect(() => sqlValue(bad)).toThrow(/Not a declared status/)
    }
  })
})
