/** Durations used in more than one place, in milliseconds. */

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

/**
 * How long an inbox row stays leased to one processor: the scheduler's claims, and the age after
 * which a capture recorded but not finished counts as abandoned (recovery resumes it). One value, so
 * a lease never ends before the work it guards could have.
 */
export const INBOX_LEASE_MS = 60_000
