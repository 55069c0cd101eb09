import { MedusaError } from "@medusajs/framework/utils"
import { quarantineEnd } from "../../../lib/durations"
import { entityId } from "../../../lib/ids"
import type { MootaTransactionInstructions } from "../../../lib/session-data"
import { RESERVATION, TRANSACTION, type TransactionStatus } from "../../../lib/statuses"
import type { TransactionRef } from "../../../lib/transaction-match"
import type { CreateMootaTransaction, OpenTransactionInput, ReservationRow, TransactionMatch } from "../types"
import { deactivateHolds } from "./allocator"
import { sqlValue, type SqlRunner } from "./sql"

/**
 * Moota transactions (a VA number or QR Moota creates for one payment session). One live per
 * session: concurrent calls for a session queue on an advisory lock held for the transaction, and
 * the partial unique index on live rows backs it up. Moota is called while the lock is held, so a
 * failed call leaves nothing behind, and the reservation (what the provider and the matcher read)
 * is written in the same transaction as the transaction row.
 */

type TransactionRow = {
  id: string
  session_id: string
  reservation_id: string
  reference: string
  trx_id: string
  bank_id: string
  status: TransactionStatus
  total: number
  expires_at: Date
}

const LIVE = `status = ${sqlValue(TRANSACTION.live)} AND deleted_at IS NULL`

/**
 * The session's live transaction when it still fits (same account and total, awaiting, not past its
 * deadline), else a new one from Moota replacing it; returns the session's reservation.
 */
export async function openTransaction(
  db: SqlRunner,
  input: OpenTransactionInput,
  create: CreateMootaTransaction
): Promise<ReservationRow> {
  await db.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`moota_transaction:${input.session_id}`])
  const [existing] = await db.execute<ReservationRow>(
    `SELECT * FROM moota_reservation WHERE session_id = ? AND deleted_at IS NULL FOR UPDATE`,
    [input.session_id]
  )
  if (existing?.status === RESERVATION.paid) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has already been received")
  }
  const [live] = await db.execute<TransactionRow>(`SELECT * FROM moota_transaction WHERE session_id = ? AND ${LIVE}`, [
    input.session_id,
  ])
  if (
    live &&
    existing?.status === RESERVATION.awaiting &&
    existing.id === live.reservation_id &&
    live.bank_id === input.bank_id &&
    existing.order_total === input.order_total &&
    new Date(live.expires_at).getTime() > Date.now()
  ) {
    return existing
  }

  const [{ count }] = await db.execute<{ count: string }>(`SELECT count(*) AS count FROM moota_transaction WHERE session_id = ?`, [
    input.session_id,
  ])
  const n = Number(count)
  // A retry after a failed call reuses the reference (nothing was stored), so Moota sees one order.
  const reference = n === 0 ? input.session_id : `${input.session_id}-${n + 1}`
  const created = await create(reference)

  await db.execute(`UPDATE moota_transaction SET status = ${sqlValue(TRANSACTION.replaced)}, updated_at = now() WHERE session_id = ? AND ${LIVE}`, [
    input.session_id,
  ])
  if (existing) {
    await deactivateHolds(db, [existing.id])
  }
  const expiresAt = created.expires_at ?? input.expires_at
  const quarantineUntil = quarantineEnd(expiresAt, input.quarantine_minutes)
  const instructions: MootaTransactionInstructions = {
    trx_id: created.trx_id,
    kind: input.kind,
    bank_id: input.bank_id,
    bank: input.bank,
    va_number: input.kind === "moota_va" ? created.va_number : null,
    account_holder: created.account_holder ?? input.account_holder,
    qr_url: created.qr_url,
    qr_payload: created.qr_string,
    payment_url: created.payment_url,
  }
  const values = [
    input.currency_code,
    input.order_total,
    created.unique_code,
    created.total,
    JSON.stringify([input.bank_id]),
    expiresAt,
    quarantineUntil,
    JSON.stringify({ moota_transaction: instructions, payment_collection_id: input.payment_collection_id ?? null }),
  ]
  const reservationId = existing?.id ?? entityId("mres")
  const [row] = existing
    ? await db.execute<ReservationRow>(
        `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.awaiting)}, currency_code = ?, order_total = ?,
           unique_code = ?, code_mode = 'increase', transfer_amount = ?, bank_ids = ?::jsonb, expires_at = ?,
           quarantine_until = ?, metadata = ?::jsonb, released_at = NULL, release_reason = NULL, updated_at = now()
         WHERE id = ? RETURNING *`,
        [...values, reservationId]
      )
    : await db.execute<ReservationRow>(
        `INSERT INTO moota_reservation (id, session_id, status, currency_code, order_total, unique_code, code_mode,
           transfer_amount, bank_ids, expires_at, quarantine_until, metadata)
         VALUES (?, ?, ${sqlValue(RESERVATION.awaiting)}, ?, ?, ?, 'increase', ?, ?::jsonb, ?, ?, ?::jsonb) RETURNING *`,
        [reservationId, input.session_id, ...values]
      )
  await db.execute(
    `INSERT INTO moota_transaction (id, session_id, reservation_id, reference, trx_id, bank_id, kind, status, total, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ${sqlValue(TRANSACTION.live)}, ?, ?)`,
    [entityId("mtrx"), input.session_id, reservationId, reference, created.trx_id, input.bank_id, input.kind, created.total, expiresAt]
  )
  return row
}

/**
 * The session no longer pays through a Moota transaction (the buyer chose a unique-code account):
 * its live one is replaced, so a late payment of it goes to review, and the instructions forget it.
 */
export async function retireTransaction(db: SqlRunner, sessionId: string): Promise<void> {
  const retired = await db.execute(
    `UPDATE moota_transaction SET status = ${sqlValue(TRANSACTION.replaced)}, updated_at = now()
     WHERE session_id = ? AND ${LIVE} RETURNING id`,
    [sessionId]
  )
  if (retired.length) {
    await db.execute(
      `UPDATE moota_reservation SET metadata = metadata - 'moota_transaction', updated_at = now() WHERE session_id = ?`,
      [sessionId]
    )
  }
}

/**
 * The transaction a mutation's `payment_detail` names: by Moota's trx id, else by our reference.
 * When both are given they must agree; otherwise the mutation names no transaction of ours.
 */
export async function findTransaction(db: SqlRunner, ref: TransactionRef): Promise<TransactionMatch | null> {
  const [row] = await db.execute<TransactionMatch & { reference: string }>(
    `SELECT t.status AS transaction_status, t.total, t.reference, r.id AS reservation_id, r.status AS reservation_status,
       r.release_reason, r.session_id, r.order_id, r.metadata->>'payment_collection_id' AS payment_collection_id
     FROM moota_transaction t JOIN moota_reservation r ON r.id = t.reservation_id AND r.deleted_at IS NULL
     WHERE t.deleted_at IS NULL AND ${ref.trx_id ? "t.trx_id = ?" : "t.reference = ?"}
     ORDER BY t.created_at DESC LIMIT 1`,
    [ref.trx_id ?? ref.order_id]
  )
  if (!row || (ref.trx_id && ref.order_id && row.reference !== ref.order_id)) {
    return null
  }
  const { reference: _reference, ...match } = row
  return { ...match, total: Number(match.total) }
}
