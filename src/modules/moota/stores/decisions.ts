import { MedusaError } from "@medusajs/framework/utils"
import type { MatchDecision } from "../../../lib/matching"
import { AUDIT, INBOX, OUTCOME, REASON, RESERVATION, SOURCE, WRITE_BACK } from "../../../lib/statuses"
import type { InboxRow, ManualMatchInput, ManualMatchRecorded, ManualMatchUndo, RecordedDecision, ReservationRow } from "../types"
import * as inboxes from "./inbox"
import * as reservations from "./reservations"
import * as review from "./review"
import { sqlValue, type SqlRunner } from "./sql"

/**
 * Recording what a transfer means: the matcher's decision, the merchant's manual match, and the
 * undo of either when Medusa's capture fails. Each runs under a lock on the inbox row.
 */

/** Marks the reservation paid by this transfer; with `onlyAwaiting`, null when it no longer awaits. */
async function markPaid(
  db: SqlRunner,
  reservationId: string,
  inbox: InboxRow,
  onlyAwaiting: boolean
): Promise<ReservationRow | null> {
  const [paid] = await db.execute<ReservationRow>(
    `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.paid)}, paid_at = ?, paid_bank_id = ?, paid_mutation_id = ?,
       received_amount = ?, updated_at = now()
     WHERE id = ?${onlyAwaiting ? ` AND status = ${sqlValue(RESERVATION.awaiting)} AND deleted_at IS NULL` : ""} RETURNING *`,
    [inbox.mutation_date ?? new Date(), inbox.bank_id, inbox.mutation_id, inbox.amount, reservationId]
  )
  return paid ?? null
}

/** Undoes markPaid: the reservation is back in `status`. */
async function unmarkPaid(db: SqlRunner, reservationId: string, status: string): Promise<void> {
  await db.execute(
    `UPDATE moota_reservation SET status = ?, paid_at = NULL, paid_bank_id = NULL, paid_mutation_id = NULL,
       received_amount = NULL, updated_at = now()
     WHERE id = ? AND status = ${sqlValue(RESERVATION.paid)}`,
    [status, reservationId]
  )
}

/**
 * Applies the matcher's decision, so concurrent processors (webhook, poll, recovery) cannot both act.
 * `owner` is the caller's lease key. A capture marks the reservation paid only if it is still awaiting; if another transfer got there
 * first, this one becomes an "already paid" review item instead.
 */
export async function recordDecision(
  db: SqlRunner,
  inboxId: string,
  decision: MatchDecision,
  owner: number
): Promise<RecordedDecision> {
  const inbox = await inboxes.getInboxRow(db, inboxId, { lock: true })
  if (!inbox) {
    return { action: "none", reason: "missing" }
  }
  if (inbox.status === INBOX.matched && inbox.reservation_id) {
    // A capture recorded but not finished (crash, failed capture) is resumed only by the process that
    // holds the row's lease (stores/lease.ts): its owner died, or it is this process's own retry.
    if (inbox.lease_owner !== owner) {
      return { action: "none", reason: "in_progress" }
    }
    const r = await reservations.getById(db, inbox.reservation_id)
    if (r?.status !== RESERVATION.paid || r.paid_mutation_id !== inbox.mutation_id) {
      return { action: "none", reason: "inconsistent" }
    }
    await inboxes.countAttempt(db, inboxId)
    return { action: "capture", reservation: r, inbox, resumed: true }
  }
  if (inbox.status !== INBOX.pending) {
    return { action: "none", reason: "already_processed" }
  }
  await inboxes.countAttempt(db, inboxId)

  if (decision.kind === "capture") {
    const paid = await markPaid(db, decision.reservation_id, inbox, true)
    if (paid) {
      await inboxes.markMatched(db, inboxId, paid.id, OUTCOME.matched)
      return { action: "capture", reservation: paid, inbox, resumed: false }
    }
    const current = await reservations.getById(db, decision.reservation_id)
    const alreadyPaid = current?.status === RESERVATION.paid
    decision = {
      kind: "review",
      reason: alreadyPaid ? REASON.already_paid : REASON.unmatched,
      reservation_id: decision.reservation_id,
      candidate_ids: [decision.reservation_id],
      detail: alreadyPaid
        ? "A second transfer for an order already paid"
        : `The reservation is no longer awaiting payment (${current?.status ?? "missing"})`,
    }
  }

  if (decision.kind === "ignore") {
    await inboxes.close(db, inboxId, `ignored_${decision.outcome}`, null)
    return { action: "none", reason: decision.outcome }
  }

  const reservation = decision.reservation_id ? await reservations.getById(db, decision.reservation_id) : null
  const item = await review.openReviewItem(db, inbox, decision, reservation?.order_id ?? decision.order_id ?? null)
  await inboxes.close(db, inboxId, `review_${decision.reason}`, decision.reservation_id)
  return { action: "review", item, reason: decision.reason }
}

/**
 * The merchant's decision that this transfer paid this reservation (review queue "match", or "mark as
 * paid"). Refused when the reservation is already paid or the transfer already confirmed a payment.
 * Resolves the transfer's review item and writes the audit row in the caller's transaction.
 */
export async function recordManualMatch(db: SqlRunner, input: ManualMatchInput): Promise<ManualMatchRecorded> {
  const inbox = await inboxes.getInboxRow(db, input.inbox_id, { lock: true })
  if (!inbox) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Transfer ${input.inbox_id} not found`)
  }
  if (inbox.type !== "CR" || inbox.amount === null) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only a credit with a whole-rupiah amount can pay an order")
  }
  if (inbox.status === INBOX.matched || inbox.outcome === OUTCOME.captured) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This transfer has already confirmed a payment")
  }
  const reservation = await reservations.getById(db, input.reservation_id, { lock: true })
  if (!reservation) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Moota payment ${input.reservation_id} not found`)
  }
  if (reservation.status === RESERVATION.paid) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order's Moota payment has already been received")
  }
  const paid = (await markPaid(db, reservation.id, inbox, false)) as ReservationRow
  await inboxes.markMatched(db, inbox.id, reservation.id, OUTCOME.matched_manual)
  await review.resolveMatched(db, inbox.id, reservation, input.actor_id)
  await review.audit(db, input.actor_id, AUDIT.match, inbox.id, input.note, {
    reservation_id: reservation.id,
    mutation_id: inbox.mutation_id,
    amount: inbox.amount,
    previous_status: reservation.status,
    ...(input.override ? { override: input.override } : {}),
  })
  return {
    reservation: paid,
    inbox,
    previous: { reservation_status: reservation.status, inbox_status: inbox.status, inbox_outcome: inbox.outcome },
  }
}

/** Puts a manual match back as it was when Medusa's capture failed; the review item reopens. */
export async function undoManualMatch(db: SqlRunner, undo: ManualMatchUndo): Promise<void> {
  await unmarkPaid(db, undo.reservation_id, undo.reservation_status)
  await db.execute(
    `UPDATE moota_inbox_mutation SET status = ?, outcome = ?, updated_at = now() WHERE id = ? AND status = ${sqlValue(INBOX.matched)}`,
    [undo.inbox_status, undo.inbox_outcome, undo.inbox_id]
  )
  await review.reopenMatched(db, undo.inbox_id)
}

/** Undoes a recorded capture whose Medusa capture failed, so recovery can try again from the start. */
export async function undoRecordedCapture(db: SqlRunner, inboxId: string, reservationId: string): Promise<void> {
  await unmarkPaid(db, reservationId, RESERVATION.awaiting)
  await db.execute(
    `UPDATE moota_inbox_mutation SET status = ${sqlValue(INBOX.pending)}, outcome = NULL, reservation_id = NULL,
       updated_at = now()
     WHERE id = ? AND status = ${sqlValue(INBOX.matched)}`,
    [inboxId]
  )
}

/**
 * The capture went through: close the inbox row; the amount stays held through the quarantine. Only a
 * mutation Moota reported is written back: a "mark as paid" row (source manual) has no mutation at Moota.
 */
export async function completeCapture(
  db: SqlRunner,
  inboxId: string,
  reservationId: string,
  orderId: string | null,
  opts: { quarantineMinutes: number; writeBack: boolean }
): Promise<void> {
  await db.execute(
    `UPDATE moota_reservation SET order_id = COALESCE(?, order_id),
       quarantine_until = now() + (? * interval '1 minute'), updated_at = now() WHERE id = ?`,
    [orderId, opts.quarantineMinutes, reservationId]
  )
  await db.execute(
    `UPDATE moota_inbox_mutation SET status = ${sqlValue(INBOX.processed)}, outcome = ${sqlValue(OUTCOME.captured)},
       processed_at = now(),
       write_back_status = CASE WHEN source = ${sqlValue(SOURCE.manual)} THEN ${sqlValue(WRITE_BACK.none)} ELSE ? END,
       last_error = NULL, updated_at = now()
     WHERE id = ?`,
    [opts.writeBack ? WRITE_BACK.pending : WRITE_BACK.none, inboxId]
  )
}
