import { MedusaError } from "@medusajs/framework/utils"
import { entityId } from "../../../lib/ids"
import { isBeforeReservation } from "../../../lib/matching"
import { refundCoverage } from "../../../lib/refunds"
import { AUDIT, INBOX, REFUND, RESERVATION } from "../../../lib/statuses"
import type { InboxRow, RefundToSendRow, ReservationRow } from "../types"
import { audit } from "./review"
import { sqlValue, type SqlRunner } from "./sql"

/**
 * Refunds to send: Moota cannot send money, so each Medusa refund of a Moota payment waits here until
 * the shop's own debit of that exact amount shows it was sent, or the merchant says it went another way.
 */

/**
 * Records a Medusa refund once (`refund_id` is unique: Medusa retrying refundPayment records nothing
 * new), with what the buyer actually paid and who paid it (the paying mutation's description, a claim).
 */
export async function recordRefundToSend(
  db: SqlRunner,
  input: { refund_id: string; session_id: string; amount: number }
): Promise<RefundToSendRow> {
  const [existing] = await db.execute<RefundToSendRow>(`SELECT * FROM moota_refund WHERE refund_id = ? AND deleted_at IS NULL`, [input.refund_id])
  if (existing) {
    return existing
  }
  const [r] = await db.execute<ReservationRow>(`SELECT * FROM moota_reservation WHERE session_id = ? AND deleted_at IS NULL`, [input.session_id])
  const [paidBy] = r?.paid_mutation_id
    ? await db.execute<{ description: string | null }>(
        `SELECT description FROM moota_inbox_mutation WHERE bank_id = ? AND mutation_id = ? AND deleted_at IS NULL`,
        [r.paid_bank_id, r.paid_mutation_id]
      )
    : []
  const [claim] = r
    ? await db.execute<{ bank: string; sender_name: string }>(
        `SELECT bank, sender_name FROM moota_payment_claim WHERE reservation_id = ? AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1`,
        [r.id]
      )
    : []
  const [before] = r
    ? await db.execute<{ total: string | null }>(
        `SELECT sum(amount) AS total FROM moota_refund WHERE reservation_id = ? AND deleted_at IS NULL`,
        [r.id]
      )
    : []
  const paid = r?.status === RESERVATION.paid && r.received_amount != null ? Number(r.received_amount) : null
  const coverage = refundCoverage({ amount: input.amount, refunded_before: Number(before?.total ?? 0), paid_amount: paid })
  const [row] = await db.execute<RefundToSendRow>(
    `INSERT INTO moota_refund (id, refund_id, reservation_id, session_id, order_id, amount, paid_amount, paid_left, buyer_bank, buyer_name, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (refund_id) WHERE deleted_at IS NULL DO UPDATE SET updated_at = moota_refund.updated_at RETURNING *`,
    [
      entityId("mrfd"),
      input.refund_id,
      r?.id ?? null,
      input.session_id,
      r?.order_id ?? null,
      input.amount,
      paid,
      coverage.paid_left,
      claim?.bank ?? null,
      claim?.sender_name ?? paidBy?.description ?? null,
      coverage.note,
    ]
  )
  return row
}

/**
 * The shop's debits (closed as `ignored_debit` on one of its accounts) that send a refund: a debit
 * received after the refund was recorded, of exactly its amount, when exactly one refund of that
 * amount waits. Two waiting refunds of the same amount are left to the merchant; a debit marks at
 * most one refund (`sent_inbox_id` is unique). Rows are locked, so concurrent processors agree.
 */
export async function markSentByDebits(db: SqlRunner, inboxIds: string[], bankIds: string[]): Promise<RefundToSendRow[]> {
  if (!inboxIds.length || !bankIds.length) {
    return []
  }
  const debits = await db.execute<InboxRow>(
    `SELECT i.* FROM moota_inbox_mutation i
     WHERE i.id IN (?) AND i.type = 'DB' AND i.status = ${sqlValue(INBOX.processed)} AND i.outcome = 'ignored_debit'
       AND i.bank_id IN (?) AND i.amount IS NOT NULL AND i.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM moota_refund x WHERE x.sent_inbox_id = i.id AND x.deleted_at IS NULL)
     ORDER BY i.mutation_date NULLS LAST, i.created_at`,
    [inboxIds, bankIds]
  )
  const marked: RefundToSendRow[] = []
  for (const d of debits) {
    const waiting = await db.execute<RefundToSendRow>(
      `SELECT * FROM moota_refund WHERE status = ${sqlValue(REFUND.to_send)} AND amount = ? AND created_at <= ? AND deleted_at IS NULL
       ORDER BY id FOR UPDATE`,
      [d.amount, d.created_at]
    )
    const fits = waiting.filter((f) => !isBeforeReservation(d.mutation_date ? new Date(d.mutation_date) : null, new Date(f.created_at)))
    if (fits.length !== 1) {
      continue
    }
    const [row] = await db.execute<RefundToSendRow>(
      `UPDATE moota_refund SET status = ${sqlValue(REFUND.sent)}, sent_at = COALESCE(?, now()), sent_inbox_id = ?, updated_at = now()
       WHERE id = ? AND status = ${sqlValue(REFUND.to_send)} RETURNING *`,
      [d.mutation_date ?? null, d.id, fits[0].id]
    )
    if (row) {
      marked.push(row)
    }
  }
  return marked
}

/** The merchant sent the refund another way (cash, another bank): audited with the note. */
export async function markSentByMerchant(
  db: SqlRunner,
  input: { id: string; actor_id: string; note: string }
): Promise<RefundToSendRow> {
  const [current] = await db.execute<RefundToSendRow>(`SELECT * FROM moota_refund WHERE id = ? AND deleted_at IS NULL FOR UPDATE`, [input.id])
  if (!current) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Refund ${input.id} not found`)
  }
  if (current.status === REFUND.sent) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This refund is already marked as sent")
  }
  const [row] = await db.execute<RefundToSendRow>(
    `UPDATE moota_refund SET status = ${sqlValue(REFUND.sent)}, sent_at = now(), sent_by = ?, sent_note = ?, updated_at = now()
     WHERE id = ? RETURNING *`,
    [input.actor_id, input.note, input.id]
  )
  await audit(db, input.actor_id, AUDIT.refund_sent, input.id, input.note, { amount: Number(current.amount), order_id: current.order_id })
  return row
}

/** Undoes markSentByMerchant when the rest of its workflow failed. */
export async function undoMarkSent(db: SqlRunner, id: string): Promise<void> {
  await db.execute(
    `UPDATE moota_refund SET status = ${sqlValue(REFUND.to_send)}, sent_at = NULL, sent_by = NULL, sent_note = NULL, updated_at = now()
     WHERE id = ? AND sent_inbox_id IS NULL`,
    [id]
  )
}

/** Refunds to send (oldest first), or the latest sent ones. */
export async function listRefundsToSend(db: SqlRunner, q: { status: "to_send" | "sent"; limit: number }): Promise<RefundToSendRow[]> {
  return await db.execute<RefundToSendRow>(
    `SELECT * FROM moota_refund WHERE status = ? AND deleted_at IS NULL
     ORDER BY ${q.status === REFUND.to_send ? "created_at ASC" : "sent_at DESC"} LIMIT ?`,
    [q.status, q.limit]
  )
}

/** Takes refunds waiting since before `before` that were never alerted (one merchant alert each). */
export async function takeOverdueRefunds(db: SqlRunner, before: Date): Promise<RefundToSendRow[]> {
  return await db.execute<RefundToSendRow>(
    `UPDATE moota_refund SET alerted_at = now(), updated_at = now()
     WHERE status = ${sqlValue(REFUND.to_send)} AND created_at < ? AND alerted_at IS NULL AND deleted_at IS NULL RETURNING *`,
    [before]
  )
}

/** Takes sent refunds whose buyer was not told yet (one message each). */
export async function takeSentUnannounced(db: SqlRunner): Promise<RefundToSendRow[]> {
  return await db.execute<RefundToSendRow>(
    `UPDATE moota_refund SET buyer_notified_at = now(), updated_at = now()
     WHERE status = ${sqlValue(REFUND.sent)} AND buyer_notified_at IS NULL AND deleted_at IS NULL RETURNING *`
  )
}

/** Recent debits closed as `ignored_debit` that sent no refund: the job retries them (a crash between closing and checking). */
export async function listUnlinkedDebits(db: SqlRunner, days: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(
    `SELECT i.id FROM moota_inbox_mutation i
     WHERE i.type = 'DB' AND i.outcome = 'ignored_debit' AND i.created_at >= now() - (? * interval '1 day') AND i.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM moota_refund x WHERE x.sent_inbox_id = i.id AND x.deleted_at IS NULL)
       AND EXISTS (SELECT 1 FROM moota_refund f WHERE f.status = ${sqlValue(REFUND.to_send)} AND f.amount = i.amount AND f.deleted_at IS NULL)
     ORDER BY i.created_at LIMIT 200`,
    [days]
  )
  return rows.map((r) => r.id)
}
