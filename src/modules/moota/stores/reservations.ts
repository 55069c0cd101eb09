import type { MatchCandidate } from "../../../lib/matching"
import { AUDIT, OPEN_RESERVATION_STATUSES, RELEASE, RESERVATION, isOpenReservation } from "../../../lib/statuses"
import type { RefundRecord, ReleaseUndo, ReservationRow, ReviewCandidatesQuery } from "../types"
import { deactivateHolds } from "./allocator"
import { audit } from "./review"
import { sqlList, sqlValue, type SqlRunner } from "./sql"

/** A reservation's life after the allocator: order, deadline, quarantine, release, cancel, refunds. */

const OPEN = sqlList(OPEN_RESERVATION_STATUSES)

export async function getById(db: SqlRunner, id: string, opts: { lock?: boolean } = {}): Promise<ReservationRow | null> {
  const [row] = await db.execute<ReservationRow>(
    `SELECT * FROM moota_reservation WHERE id = ? AND deleted_at IS NULL${opts.lock ? " FOR UPDATE" : ""}`,
    [id]
  )
  return row ?? null
}

export async function getBySession(db: SqlRunner, sessionId: string): Promise<ReservationRow | null> {
  const [row] = await db.execute<ReservationRow>(
    `SELECT * FROM moota_reservation WHERE session_id = ? AND deleted_at IS NULL`,
    [sessionId]
  )
  return row ?? null
}

/** Gives the amount back (cart changed, session deleted, order canceled). Paid reservations stay. */
export async function release(db: SqlRunner, sessionId: string, reason: string): Promise<ReservationRow | null> {
  const [row] = await db.execute<ReservationRow>(
    `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.released)}, released_at = now(), release_reason = ?,
       updated_at = now()
     WHERE session_id = ? AND status IN (${OPEN}) AND deleted_at IS NULL RETURNING *`,
    [reason, sessionId]
  )
  if (row) {
    await deactivateHolds(db, [row.id])
  }
  return row ?? null
}

/**
 * Moves reservations past their deadline into quarantine (amount still held, so a late transfer maps
 * to its order and is flagged) and frees the amounts of those whose quarantine ended.
 */
export async function expireDue(db: SqlRunner, now: Date): Promise<{ quarantined: ReservationRow[]; expired: ReservationRow[] }> {
  const quarantined = await db.execute<ReservationRow>(
    `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.quarantined)}, updated_at = now()
     WHERE status = ${sqlValue(RESERVATION.awaiting)} AND expires_at <= ? AND deleted_at IS NULL RETURNING *`,
    [now]
  )
  const expired = await db.execute<ReservationRow>(
    `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.expired)}, updated_at = now()
     WHERE status = ${sqlValue(RESERVATION.quarantined)} AND (quarantine_until IS NULL OR quarantine_until <= ?)
       AND deleted_at IS NULL
     RETURNING *`,
    [now]
  )
  // Paid and merchant-released amounts stay blocked for their quarantine too: a buyer who pays
  // (again) is flagged for review instead of paying a newer order that happens to get the amount.
  const paidDone = await db.execute<{ id: string }>(
    `SELECT DISTINCT r.id FROM moota_reservation r JOIN moota_amount_hold h ON h.reservation_id = r.id AND h.active = true
     WHERE r.status IN (${sqlList([RESERVATION.paid, RESERVATION.released])}) AND r.quarantine_until <= ?
       AND r.deleted_at IS NULL`,
    [now]
  )
  await deactivateHolds(db, [...expired.map((r) => r.id), ...paidDone.map((r) => r.id)])
  return { quarantined, expired }
}

export async function setOrder(db: SqlRunner, sessionId: string, orderId: string): Promise<void> {
  await db.execute(
    `UPDATE moota_reservation SET order_id = ?, updated_at = now() WHERE session_id = ? AND deleted_at IS NULL`,
    [orderId, sessionId]
  )
}

/** Moota cannot send money: a refund is the merchant's manual transfer, recorded here. */
export async function recordRefund(db: SqlRunner, sessionId: string, refund: RefundRecord): Promise<ReservationRow | null> {
  const [row] = await db.execute<ReservationRow>(
    `UPDATE moota_reservation SET refunds = COALESCE(refunds, '[]'::jsonb) || ?::jsonb, updated_at = now()
     WHERE session_id = ? AND deleted_at IS NULL RETURNING *`,
    [JSON.stringify([refund]), sessionId]
  )
  return row ?? null
}

/**
 * An order canceled before it was paid: the reservation stops awaiting, but its amount stays held
 * through the quarantine so a late transfer maps to this order and is flagged, never to a newer one.
 */
export async function cancel(
  db: SqlRunner,
  sessionId: string,
  orderId: string | null,
  quarantineMinutes: number
): Promise<ReservationRow | null> {
  const [row] = await db.execute<ReservationRow>(
    `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.quarantined)},
       release_reason = ${sqlValue(RELEASE.order_canceled)}, released_at = now(), order_id = COALESCE(order_id, ?),
       quarantine_until = GREATEST(COALESCE(quarantine_until, now()), now() + (? * interval '1 minute')),
       updated_at = now()
     WHERE session_id = ? AND status IN (${OPEN}) AND deleted_at IS NULL RETURNING *`,
    [orderId, quarantineMinutes, sessionId]
  )
  return row ?? null
}

/**
 * The merchant stops awaiting a payment (the buyer pays another way), audited in the caller's
 * transaction. Null when the reservation is no longer awaiting or quarantined.
 */
export async function releaseByMerchant(
  db: SqlRunner,
  reservationId: string,
  actorId: string,
  note: string,
  quarantineMinutes: number
): Promise<ReservationRow | null> {
  const before = await getById(db, reservationId, { lock: true })
  if (!before || !isOpenReservation(before.status)) {
    return null
  }
  // The buyer was shown this amount: it stays held through the quarantine, so a transfer that still
  // comes goes to review instead of paying a newer order that would otherwise get the same amount.
  const [row] = await db.execute<ReservationRow>(
    `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.released)}, released_at = now(),
       release_reason = ${sqlValue(RELEASE.released_by_merchant)},
       quarantine_until = now() + (? * interval '1 minute'), updated_at = now() WHERE id = ? RETURNING *`,
    [quarantineMinutes, reservationId]
  )
  await audit(db, actorId, AUDIT.release, row.id, note, {
    previous_status: before.status,
    transfer_amount: before.transfer_amount,
    order_id: before.order_id,
  })
  return row
}

/** Puts a released reservation back as it was (the release step's compensation); the audit row stays. */
export async function undoRelease(db: SqlRunner, previous: ReleaseUndo): Promise<void> {
  await db.execute(
    `UPDATE moota_reservation SET status = ?, released_at = ?, release_reason = ?, quarantine_until = ?, updated_at = now()
     WHERE id = ? AND deleted_at IS NULL`,
    [previous.status, previous.released_at, previous.release_reason, previous.quarantine_until, previous.id]
  )
}

/** Reservations that ever held this amount on this account (recent first), for the matcher. */
/** Which reservations the matcher weighs for a credit: this exact amount on this account, live or recent. */
const MATCHABLE = `deleted_at IS NULL AND (status IN (${OPEN}) OR updated_at > now() - interval '60 days')`

export async function listMatchCandidates(
  db: SqlRunner,
  bankId: string,
  amount: number
): Promise<(MatchCandidate & { session_id: string; order_id: string | null })[]> {
  return await db.execute(
    `SELECT id, session_id, status, created_at, release_reason, order_id FROM moota_reservation
     WHERE transfer_amount = ? AND bank_ids @> ?::jsonb AND ${MATCHABLE}
     ORDER BY created_at DESC LIMIT 20`,
    [amount, JSON.stringify([bankId])]
  )
}

/**
 * Of these credits (`key`, account, amount), the keys for which listMatchCandidates would find at
 * least one reservation: one statement for a whole batch of inbox rows.
 */
export async function withMatchCandidates(db: SqlRunner, credits: { key: string; bank_id: string; amount: number }[]): Promise<Set<string>> {
  if (!credits.length) {
    return new Set()
  }
  const rows = await db.execute<{ key: string }>(
    `SELECT d.key FROM jsonb_to_recordset(?::jsonb) AS d(key text, bank_id text, amount bigint)
     WHERE EXISTS (SELECT 1 FROM moota_reservation WHERE transfer_amount = d.amount
       AND bank_ids @> jsonb_build_array(d.bank_id) AND ${MATCHABLE})`,
    [JSON.stringify(credits)]
  )
  return new Set(rows.map((r) => r.key))
}

/**
 * Reservations a transfer the matcher would not confirm may belong to, for the merchant's review:
 * offered on the same account, transfer amount within `spread` of the amount (a forgotten or mistyped
 * unique code) and created inside the window. Payments still open and started before the transfer
 * come first, exact amounts first among them, then the nearest amounts.
 */
export async function listReviewCandidates(db: SqlRunner, q: ReviewCandidatesQuery): Promise<ReservationRow[]> {
  return await db.execute<ReservationRow>(
    `SELECT * FROM moota_reservation
     WHERE deleted_at IS NULL AND (
       (bank_ids @> ?::jsonb AND transfer_amount BETWEEN ? AND ? AND created_at BETWEEN ? AND ?)
       OR id IN (?)
     )
     ORDER BY (status IN (${OPEN})) DESC, (created_at <= ?) DESC, (transfer_amount = ?) DESC,
       abs(transfer_amount - ?), created_at DESC
     LIMIT ?`,
    [
      JSON.stringify([q.bank_id]),
      q.amount - q.spread,
      q.amount + q.spread,
      q.from,
      q.to,
      q.include_ids.length ? q.include_ids : [""],
      q.at ?? q.to,
      q.amount,
      q.amount,
      q.limit,
    ]
  )
}
