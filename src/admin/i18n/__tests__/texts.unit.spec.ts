import { MOOTA_PROBLEMS } from "../../../lib/moota/problem"
import { ALL_INBOX_OUTCOMES, INBOX_STATUSES, REVIEW_REASONS } from "../../../lib/statuses"
import { en } from "../en"
import { id } from "../id"

/** Every string of a texts object, with its key path. */
function strings(o: unknown, path = ""): [string, string][] {
  if (typeof o === "string") {
    return [[path, o]]
  }
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k))
}

const LANGS = { en, id }

describe("admin texts", () => {
  it.each(Object.entries(LANGS))("has a phrase, not the code, for every outcome, reason and problem (%s)", (_, texts) => {
    for (const outcome of ALL_INBOX_OUTCOMES) {
      const text = texts.outcomes[outcome]
      expect([outcome, typeof text]).toEqual([outcome, "string"])
      expect(text.toLowerCase()).not.toBe(outcome)
      expect(text).not.toMatch(/_/)
    }
    for (const status of INBOX_STATUSES) {
      expect(texts.inboxStatuses[status]).toMatch(/^[A-Z][^_]+$/)
    }
    for (const reason of REVIEW_REASONS) {
      expect(texts.reasons[reason]).not.toMatch(/_/)
      expect(texts.reasonHelp[reason]).not.toMatch(/_/)
    }
    for (const problem of MOOTA_PROBLEMS) {
      expect(texts.problems[problem]).toMatch(/^[A-Z].{20,}\.$/)
    }
  })

  it.each(Object.entries(LANGS))("shows no API path, HTTP verb or Indonesian shorthand (%s)", (lang, texts) => {
    for (const [key, text] of strings(texts)) {
      expect([key, text]).toEqual([key, expect.not.stringMatching(/\b(GET|POST) \/|\/accounts\/index|\/bank\b/)])
      if (lang === "en") {
        expect([key, text]).toEqual([key, expect.not.stringMatching(/\ba\/n\b/)])
      }
    }
  })

  it("has the same keys in both languages", () => {
    expect(strings(id).map(([k]) => k)).toEqual(strings(en).map(([k]) => k))
  })

  it("says who marked a payment as paid, with the note, in both languages", () => {
    expect(en.paid.markedBy).toBe("Marked as paid by {{name}}: {{note}}")
    expect(id.paid.markedBy).toBe("Ditandai lunas oleh {{name}}: {{note}}")
  })
})
