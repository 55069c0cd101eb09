/** Durations used in more than one place, in milliseconds. */

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

/**
 * How long a process that leased an inbox row leaves it before taking it again itself (a retry after
 * a failure, not a hot loop). A dead process's rows are free at once (modules/moota/stores/lease.ts).
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
