/**
 * Account numbers appear in logs, review items and admin lists; only the last 4 characters are
 * needed to tell accounts apart, so nothing more is ever shown.
 */
export function maskAccountNumber(v: string | number): string {
  // Moota sends account_number as a string or a number; anything else (e.g. null from a loose
  // payload) must not turn into "null" and leak its tail as if it were digits.
  const s = typeof v === "string" || typeof v === "number" ? String(v).trim() : ""
  if (s.length <= 4) {
    return "*".repeat(s.length)
  }
  return "*".repeat(s.length - 4) + s.slice(-4)
}
