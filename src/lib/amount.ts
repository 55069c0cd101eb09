/**
 * Moota sends amounts as JSON numbers (webhooks) or numeric strings ("10000", "100123.00" from
 * GET /mutation). Anything else is a payload we do not understand and must never confirm a payment.
 */

/** Plain decimal with at most two fraction digits. Rejects "1e5", "+5", ".5", "1,000" and "100.123":
 * a third fraction digit would more likely be an Indonesian thousands separator than real cents. */
const AMOUNT_STRING = /^\d+(?:\.\d{1,2})?$/

/** Longer strings cannot be a real amount; checked before the regex so huge inputs cost nothing. */
const MAX_AMOUNT_STRING_LENGTH = 32

export class InvalidAmountError extends Error {
  /** What was received, described without echoing it (payloads may be huge or hostile). */
  readonly received: string

  constructor(received: string) {
    super(`Invalid Moota amount: expected a non-negative number or numeric string, got ${received}`)
    this.name = "InvalidAmountError"
    this.received = received
  }
}

export function parseMootaAmount(v: unknown): number {
  if (typeof v === "number") {
    return checkNumber(v, "number")
  }
  if (typeof v === "string") {
    const s = v.trim()
    if (s.length === 0) {
      throw new InvalidAmountError("an empty string")
    }
    if (s.length > MAX_AMOUNT_STRING_LENGTH || !AMOUNT_STRING.test(s)) {
      throw new InvalidAmountError(`a non-numeric string (length ${v.length})`)
    }
    return checkNumber(Number(s), "numeric string")
  }
  throw new InvalidAmountError(describeType(v))
}

function checkNumber(n: number, kind: string): number {
  if (Number.isNaN(n)) {
    throw new InvalidAmountError(`${kind} NaN`)
  }
  if (!Number.isFinite(n)) {
    throw new InvalidAmountError(`non-finite ${kind}`)
  }
  if (n < 0) {
    throw new InvalidAmountError(`negative ${kind}`)
  }
  const cents = Math.round(n * 100)
  // Beyond this, cents are no longer exact in a double and amount comparisons become unreliable.
  if (!Number.isSafeInteger(cents)) {
    throw new InvalidAmountError(`${kind} too large`)
  }
  // "+ 0" turns -0 into 0 so callers never see a signed zero.
  return cents / 100 + 0
}

function describeType(v: unknown): string {
  if (v === null) return "null"
  if (Array.isArray(v)) return "array"
  return typeof v
}

/** Orders are matched in whole rupiah: a fractional mutation can never equal an expected transfer. */
export function isWholeRupiah(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0
}

/**
 * Formats as buyers read it: "Rp150.123" ('.' groups thousands), with ",50" only when there are cents.
 * Implemented by hand so output does not depend on the machine's ICU data.
 */
export function formatRupiah(n: number): string {
  return formatRupiahWith(n, { group: ".", decimal: ",", prefix: "Rp" })
}

/** As English readers (and Medusa's dashboard) write it: "Rp 150,123", with ".50" only when there are cents. */
export function formatRupiahEnglish(n: number): string {
  return formatRupiahWith(n, { group: ",", decimal: ".", prefix: "Rp " })
}

function formatRupiahWith(n: number, style: { group: string; decimal: string; prefix: string }): string {
  const cents = Math.round(Math.abs(n) * 100)
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError("formatRupiah needs a finite amount within the exact range of a double")
  }
  const whole = Math.floor(cents / 100)
  const fraction = cents % 100
  const sign = n < 0 && cents > 0 ? "-" : ""
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, style.group)
  const decimals = fraction === 0 ? "" : `${style.decimal}${String(fraction).padStart(2, "0")}`
  return `${sign}${style.prefix}${grouped}${decimals}`
}
