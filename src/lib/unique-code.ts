/**
 * Unique-code arithmetic. The buyer transfers the order total plus ("increase") or minus ("decrease")
 * a small code so that awaiting orders on one account have distinct amounts; Moota itself matches
 * nothing, we match account + exact amount. Everything here is whole rupiah.
 */

export const UNIQUE_CODE_MODES = ["increase", "decrease"] as const
export type UniqueCodeMode = (typeof UNIQUE_CODE_MODES)[number]

/** Codes are at most three digits: Moota's webhook filter (start/end_unique_code) works on 0-999. */
export const MAX_UNIQUE_CODE = 999

export function isUniqueCodeMode(v: unknown): v is UniqueCodeMode {
  return (UNIQUE_CODE_MODES as readonly unknown[]).includes(v)
}

export class UniqueCodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "UniqueCodeError"
  }
}

export function validateCodeRange(min: number, max: number): void {
  if (!Number.isInteger(min) || !Number.isInteger(max)) {
    throw new UniqueCodeError("Unique code range bounds must be integers")
  }
  if (min < 0 || max > MAX_UNIQUE_CODE) {
    throw new UniqueCodeError(`Unique code range must lie within 0-${MAX_UNIQUE_CODE}, got ${min}-${max}`)
  }
  if (min > max) {
    throw new UniqueCodeError(`Unique code range minimum ${min} is greater than maximum ${max}`)
  }
}

/** How many awaiting orders of one price one account can hold at once. */
export function codeRangeSize(min: number, max: number): number {
  validateCodeRange(min, max)
  return max - min + 1
}

/**
 * Every code in [min, max] exactly once, starting at `start` and wrapping around. Concurrent
 * allocators given different starts try different codes first instead of all racing for `min`;
 * the database's unique index stays the real guard. `start` may be any integer: it is folded into
 * the range.
 */
export function candidateCodes(min: number, max: number, start: number): number[] {
  const size = codeRangeSize(min, max)
  if (!Number.isInteger(start)) {
    throw new UniqueCodeError("Unique code start must be an integer")
  }
  const offset = (((start - min) % size) + size) % size
  const codes: number[] = []
  for (let i = 0; i < size; i++) {
    codes.push(min + ((offset + i) % size))
  }
  return codes
}

/**
 * A start for candidateCodes derived from `key` (FNV-1a, mixed): concurrent allocators for different
 * sessions try different codes first, and a session that re-reserves tries its earlier code first.
 */
export function codeStartFor(key: string, min: number, max: number): number {
  const size = codeRangeSize(min, max)
  let h = 2166136261
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0
  }
  // Final mix (murmur3's): FNV alone leaves ids that differ only in their last characters close.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  h = (h ^ (h >>> 16)) >>> 0
  return min + (h % size)
}

/**
 * The (code, amount) pairs an allocator may offer for `total`, in candidateCodes order from `start`:
 * codes that would leave no positive transfer, and amounts above `maxAmount`, are left out.
 */
export function transferCandidates(
  total: number,
  range: { min: number; max: number; mode: UniqueCodeMode; start: number },
  maxAmount: number
): { code: number; amount: number }[] {
  const out: { code: number; amount: number }[] = []
  for (const code of candidateCodes(range.min, range.max, range.start)) {
    if (range.mode === "decrease" && code >= total) {
      continue
    }
    const amount = transferAmount(total, code, range.mode)
    if (amount <= maxAmount) {
      out.push({ code, amount })
    }
  }
  return out
}

/** The amount the buyer must transfer for `total` with `code`. */
export function transferAmount(total: number, code: number, mode: UniqueCodeMode): number {
  assertWholeTotal(total)
  assertMode(mode)
  assertCode(code)
  const amount = mode === "increase" ? total + code : total - code
  if (amount <= 0) {
    throw new UniqueCodeError(`Transfer amount must be positive: total ${total} minus code ${code} is ${amount}`)
  }
  return amount
}

/**
 * Checks up front that every code in the range leaves a positive transfer, so a small order fails
 * clearly at checkout instead of on whichever code happens to be drawn.
 */
export function assertTransferAmountPositive(total: number, maxCode: number, mode: UniqueCodeMode): void {
  assertWholeTotal(total)
  assertMode(mode)
  assertCode(maxCode)
  if (mode === "decrease" && total - maxCode <= 0) {
    throw new UniqueCodeError(
      `Order total ${total} is too small for decrease mode: it must exceed the largest unique code ${maxCode}`
    )
  }
}

function assertCode(code: number): void {
  if (!Number.isInteger(code) || code < 0 || code > MAX_UNIQUE_CODE) {
    throw new UniqueCodeError(`Unique code must be an integer within 0-${MAX_UNIQUE_CODE}, got ${code}`)
  }
}

function assertWholeTotal(total: number): void {
  if (!Number.isSafeInteger(total) || total <= 0) {
    throw new UniqueCodeError(`Order total must be a positive whole rupiah amount, got ${total}`)
  }
}

/** Modes usually come from untyped plugin options; an unknown one must not silently mean "decrease". */
function assertMode(mode: unknown): void {
  if (!isUniqueCodeMode(mode)) {
    const got = typeof mode === "string" ? JSON.stringify(mode.slice(0, 20)) : typeof mode
    throw new UniqueCodeError(`Unique code mode must be "increase" or "decrease", got ${got}`)
  }
}
