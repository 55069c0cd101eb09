/** Durations used in more than one place, in milliseconds. */

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

/**
 * How long an inbox row stays leased to one processor: the scheduler's claims, and the age after
 * which a capture recorded but not finished counts as abandoned (recovery resumes it). One value, so
 * a lease never ends before the work it guards could have.
 */
export const INBOX_LEASE_MS = 60_000

/** When a new payment stops awaiting its transfer: `paymentWindowMinutes` from now. */
export function paymentDeadline(now: number, paymentWindowMinutes: number): Date {
  return new Date(now + paymentWindowMinutes * MINUTE_MS)
}

/** Until when a payment's amount stays held after its deadline (a late transfer still maps to it). */
export function quarantineEnd(expiresAt: Date, quarantineMinutes: number): Date {
  return new Date(expiresAt.getTime() + quarantineMinutes * MINUTE_MS)
}
