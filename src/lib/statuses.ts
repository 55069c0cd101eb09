/**
 * The statuses and reasons of the plugin's rows, declared once: the module's models (DML enums), its
 * SQL, the route validators, the matcher and the admin all derive from these lists. The order of each
 * list is the order of the database's check constraint; append, never reorder.
 */

export const RESERVATION_STATUSES = ["awaiting", "quarantined", "paid", "expired", "released"] as const
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number]

/** Where an inbox row came from. */
export const INBOX_SOURCES = ["webhook", "reconcile", "manual"] as const
export type InboxSource = (typeof INBOX_SOURCES)[number]

/** pending: not decided yet; matched: reservation marked paid, capture not yet confirmed; processed: done. */
export const INBOX_STATUSES = ["pending", "matched", "processed"] as const
export type InboxStatus = (typeof INBOX_STATUSES)[number]

export const WRITE_BACK_STATUSES = ["none", "pending", "done", "failed"] as const
export type WriteBackStatus = (typeof WRITE_BACK_STATUSES)[number]

export const REVIEW_STATUSES = ["open", "resolved", "dismissed"] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

/** Why a transfer waits for the merchant instead of confirming a payment on its own. */
export const REVIEW_REASONS = [
  "unmatched",
  "ambiguous",
  "before_reservation",
  "expired",
  "canceled",
  "already_paid",
  "invalid_amount",
  // A payment through a Moota transaction (VA / QRIS per order) that cannot confirm its order.
  "amount_mismatch",
  "unknown_transaction",
  "replaced_transaction",
] as const
export type ReviewReason = (typeof REVIEW_REASONS)[number]

/** How the merchant closed a review item. */
export const REVIEW_RESOLUTIONS = ["matched", "dismissed"] as const
export type ReviewResolution = (typeof REVIEW_RESOLUTIONS)[number]

/**
 * Mutations the matcher sets aside without a review (stored as the inbox outcome `ignored_<kind>`).
 * `unrelated` and `history` are credits triage keeps out of review (lib/triage.ts); the admin lists
 * them as "other credits".
 */
export const IGNORED_KINDS = ["debit", "unknown_account", "test", "unrelated", "history"] as const
export type IgnoredKind = (typeof IGNORED_KINDS)[number]

/**
 * An inbox row's outcome: captured or matched by the plugin or the merchant, a manual "mark as paid"
 * row, set aside, or sent to review for a reason.
 */
export const INBOX_OUTCOMES = ["matched", "matched_manual", "captured", "manual"] as const
export type InboxOutcome =
  | (typeof INBOX_OUTCOMES)[number]
  | `ignored_${IgnoredKind}`
  | `review_${ReviewReason}`

/** Every outcome an inbox row can have, for code that must cover them all (the admin's texts, their tests). */
export const ALL_INBOX_OUTCOMES: readonly InboxOutcome[] = [
  ...INBOX_OUTCOMES,
  ...IGNORED_KINDS.map((k) => `ignored_${k}` as const),
  ...REVIEW_REASONS.map((r) => `review_${r}` as const),
]

export const NOTIFICATION_STATUSES = ["pending", "sent", "failed"] as const
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number]

/**
 * A Moota transaction (VA number or QR created for one payment session): `live` is the one the buyer
 * is shown; `replaced` was superseded (cart total or account changed) and only a late payment names it.
 */
export const TRANSACTION_STATUSES = ["live", "replaced"] as const
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number]

/** Why a reservation stopped awaiting by the plugin's own doing (callers may give other reasons). */
export const RELEASE_REASONS = ["order_canceled", "released_by_merchant"] as const
export type ReleaseReason = (typeof RELEASE_REASONS)[number]

/** What the audit log records, by the merchant ("actor" an admin user) or by the plugin ("system"). */
export const AUDIT_ACTIONS = ["match", "dismiss", "release", "to_review", "webhook_test", "reconcile_run", "refund_sent"] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
/** A Medusa refund of a Moota payment: the merchant still has to transfer it (`to_send`), or did (`sent`). */
export const REFUND_STATUSES = ["to_send", "sent"] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]

/** Each value of a list by its own name, so code says `RESERVATION.paid` and a typo fails typecheck. */
export function byName<T extends string>(values: readonly T[]): { readonly [K in T]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T]: K }
}

export const RESERVATION = byName(RESERVATION_STATUSES)
export const SOURCE = byName(INBOX_SOURCES)
export const INBOX = byName(INBOX_STATUSES)
export const OUTCOME = byName(INBOX_OUTCOMES)
export const WRITE_BACK = byName(WRITE_BACK_STATUSES)
export const REVIEW = byName(REVIEW_STATUSES)
export const REASON = byName(REVIEW_REASONS)
export const RESOLUTION = byName(REVIEW_RESOLUTIONS)
export const NOTIFICATION = byName(NOTIFICATION_STATUSES)
export const RELEASE = byName(RELEASE_REASONS)
export const TRANSACTION = byName(TRANSACTION_STATUSES)
export const AUDIT = byName(AUDIT_ACTIONS)
export const REFUND = byName(REFUND_STATUSES)

/** Statuses whose amount is still offered to the buyer: a transfer may pay or be matched to them. */
export const OPEN_RESERVATION_STATUSES = [RESERVATION.awaiting, RESERVATION.quarantined] as const

/** The inbox row of a "mark as paid": one per reservation (its unique mutation id on the account). */
export function manualMutationId(reservationId: string): string {
  return `manual-${reservationId}`
}

export function isOpenReservation(status: ReservationStatus): boolean {
  return (OPEN_RESERVATION_STATUSES as readonly ReservationStatus[]).includes(status)
}
