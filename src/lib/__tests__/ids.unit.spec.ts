import { decodeTime } from "ulid"
import { entityId } from "../ids"

describe("entityId", () => {
  it("has Medusa's format: prefix, underscore, a 26-character ULID carrying the current time", () => {
    const before = Date.now()
    const id = entityId("minb")
    expect(id).toMatch(/^minb_[0-9A-HJKMNP-TV-Z]{26}$/)
    const t = decodeTime(id.slice(5))
    expect(t).toBeGreaterThanOrEqual(before)
    expect(t).toBeLessThanOrEqual(Date.now())
  })

  it("never repeats across many pool refills", () => {
    const ids = Array.from({ length: 50_000 }, () => entityId("x"))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it("uses every character of the alphabet in the random part, about evenly", () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 20_000; i++) {
      for (const c of entityId("x").slice(12)) counts.set(c, (counts.get(c) ?? 0) + 1)
    }
    expect(counts.size).toBe(32)
    const values = [...counts.values()]
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    for (const v of values) {
      expect(Math.abs(v - mean) / mean).toBeLessThan(0.05)
    }
  })
})
