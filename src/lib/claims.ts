import { DAY_MS } from "./durations"

/**
 * A buyer's payment confirmation ("Konfirmasi pembayaran"): the limits of what a buyer may send, the
 * image types a proof may be, and when a claim names a credit. Pure; the store and routes apply it.
 */

export const CLAIM_LIMITS = {
  /** Whole rupiah; below Rp1.000 or above Rp1 milyar is a typo, not a shop transfer. */
  amountMin: 1_000,
  amountMax: 1_000_000_000,
  textMax: 100,
  proofMaxBytes: 2 * 1024 * 1024,
  /** Claims per order per hour, and per client address per hour (all orders). */
  perOrderPerHour: 5,
  perIpPerHour: 30,
  /** A clock a few minutes fast on the buyer's phone is not "in the future". */
  clockSkewMs: 10 * 60_000,
} as const

export type ProofMime = "image/jpeg" | "image/png" | "image/webp"

/** The image type from the file's first bytes (what it is, not what it is called). */
export function proofMimeOf(bytes: Uint8Array): ProofMime | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b)
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg"
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png"
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp"
  return null
}

/** Why the reported time cannot be right, or null. Before the order means another order's transfer. */
export function claimTimeProblem(transferredAt: Date, orderPlacedAt: Date, now: Date): string | null {
  if (transferredAt.getTime() > now.getTime() + CLAIM_LIMITS.clockSkewMs) {
    return "transferred_at is in the future"
  }
  if (transferredAt.getTime() < orderPlacedAt.getTime() - CLAIM_LIMITS.clockSkewMs) {
    return "transferred_at is before the order was placed"
  }
  return null
}

/**
 * How old a claim must be before a reconciliation that found no fitting credit alerts the merchant:
 * a buyer often reports a transfer minutes after making it, before the bank has booked it.
 */
export const CLAIM_ALERT_GRACE_MS = 30 * 60_000

/** How far a bank's booking date may lie from the time the buyer reported (banks book interbank transfers late). */
export const CLAIM_FIT_BEFORE_MS = DAY_MS
export const CLAIM_FIT_AFTER_MS = 3 * DAY_MS

export type ClaimShape = { amount: number; transferred_at: Date; bank_ids: string[] }
export type CreditShape = { bank_id: string; amount: number | null; mutation_date: Date | null }

/**
 * A claim names a credit when the amount is the one the buyer reported, on an account the buyer was
 * shown, booked around the reported time (a credit with no date fits on amount and account alone).
 */
export function claimFitsCredit(claim: ClaimShape, credit: CreditShape): boolean {
  if (credit.amount !== claim.amount || !claim.bank_ids.includes(credit.bank_id)) {
    return false
  }
  if (!credit.mutation_date) {
    return true
  }
  const gap = credit.mutation_date.getTime() - claim.transferred_at.getTime()
  return gap >= -CLAIM_FIT_BEFORE_MS && gap <= CLAIM_FIT_AFTER_MS
}
