import { entityId } from "../../../lib/ids"
import { CLAIM_ALERT_GRACE_MS, CLAIM_FIT_AFTER_MS, CLAIM_FIT_BEFORE_MS, claimFitsCredit } from "../../../lib/claims"
import { INBOX, RESERVATION } from "../../../lib/statuses"
import { OTHER_CREDIT_OUTCOMES, TRIAGE_RECENT_DAYS } from "../../../lib/triage"
import type { ClaimRow, NewClaim } from "../types"
import { sqlValue, type SqlRunner } from "./sql"

/** Buyers' payment confirmations ("Konfirmasi pembayaran"); see models/payment-claim.ts and lib/claims.ts. */

const COLUMNS = `c.id, c.reservation_id, c.order_id, c.amount, c.bank, c.sender_name, c.transferred_at, c.proof_mime,
  c.proof_size, c.alerted_at, c.created_at, r.bank_ids`

function toRow(r: ClaimRow): ClaimRow {
  return {
    ...r,
    amount: Number(r.amount),
    proof_size: r.proof_size === null ? null : Number(r.proof_size),
    transferred_at: new Date(r.transferred_at),
    alerted_at: r.alerted_at ? new Date(r.alerted_at) : null,
    created_at: new Date(r.created_at),
  }
}

export async function createClaim(db: SqlRunner, c: NewClaim): Promise<ClaimRow> {
  const id = entityId("mclm")
  await db.execute(
    `INSERT INTO moota_payment_claim (id, reservation_id, order_id, amount, bank, sender_name, transferred_at, proof_mime,
       proof_size, proof_data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, c.reservation_id, c.order_id, c.amount, c.bank, c.sender_name, c.transferred_at, c.proof?.mime ?? null, c.proof?.size ?? null, c.proof?.data_base64 ?? null]
  )
  const [row] = await listClaims(db, { ids: [id] })
  return row
}

/** Undoes createClaim when the rest of its workflow failed. */
export async function deleteClaim(db: SqlRunner, id: string): Promise<void> {
  await db.execute(`DELETE FROM moota_payment_claim WHERE id = ?`, [id])
}

export async function countClaimsSince(db: SqlRunner, reservationId: string, since: Date): Promise<number> {
  const [row] = await db.execute<{ count: string }>(
    `SELECT count(*) AS count FROM moota_payment_claim WHERE reservation_id = ? AND created_at >= ? AND deleted_at IS NULL`,
    [reservationId, since]
  )
  return Number(row?.count ?? 0)
}

/** Claims by id, by reservation or by order, newest first. */
export async function listClaims(
  db: SqlRunner,
  q: { ids?: string[]; reservation_ids?: string[]; order_ids?: string[] }
): Promise<ClaimRow[]> {
  const rows = await db.execute<ClaimRow>(
    `SELECT ${COLUMNS} FROM moota_payment_claim c JOIN moota_reservation r ON r.id = c.reservation_id
     WHERE c.deleted_at IS NULL AND (c.id IN (?) OR c.reservation_id IN (?) OR c.order_id IN (?))
     ORDER BY c.created_at DESC LIMIT 50`,
    [q.ids?.length ? q.ids : [""], q.reservation_ids?.length ? q.reservation_ids : [""], q.order_ids?.length ? q.order_ids : [""]]
  )
  return rows.map(toRow)
}

/**
 * Claims that name a credit (lib/claims.ts `claimFitsCredit`, in SQL): same amount, on an account the
 * buyer was shown, around the reported time (what the merchant is shown; the triage fits
 * listOpenClaims in memory instead, a batch of credits at a time).
 */
export async function listClaimsFittingCredit(
  db: SqlRunner,
  credit: { bank_id: string; amount: number; mutation_date: Date | null }
): Promise<ClaimRow[]> {
  const rows = await db.execute<ClaimRow>(
    `SELECT ${COLUMNS} FROM moota_payment_claim c JOIN moota_reservation r ON r.id = c.reservation_id
     WHERE c.deleted_at IS NULL AND c.amount = ? AND r.bank_ids @> ?::jsonb
       AND (?::timestamptz IS NULL OR ?::timestamptz BETWEEN c.transferred_at - (? * interval '1 millisecond')
         AND c.transferred_at + (? * interval '1 millisecond'))
     ORDER BY c.created_at DESC LIMIT 20`,
    [
      credit.amount,
      JSON.stringify([credit.bank_id]),
      credit.mutation_date,
      credit.mutation_date,
      CLAIM_FIT_BEFORE_MS,
      CLAIM_FIT_AFTER_MS,
    ]
  )
  // The SQL narrows; the one rule decides.
  return rows.map(toRow).filter((c) => claimFitsCredit(c, credit))
}

/** Claims that can still name a credit: made in the last TRIAGE_RECENT_DAYS for an order not paid. */
export async function listOpenClaims(db: SqlRunner): Promise<ClaimRow[]> {
  const rows = await db.execute<ClaimRow>(
    `SELECT ${COLUMNS} FROM moota_payment_claim c JOIN moota_reservation r ON r.id = c.reservation_id
     WHERE c.deleted_at IS NULL AND r.status <> ${sqlValue(RESERVATION.paid)} AND c.created_at >= now() - (? * interval '1 day')`,
    [TRIAGE_RECENT_DAYS]
  )
  return rows.map(toRow)
}

export async function getClaimProof(db: SqlRunner, id: string): Promise<{ mime: string; data_base64: string } | null> {
  const [row] = await db.execute<{ proof_mime: string | null; proof_data: string | null }>(
    `SELECT proof_mime, proof_data FROM moota_payment_claim WHERE id = ? AND deleted_at IS NULL`,
    [id]
  )
  return row?.proof_mime && row.proof_data ? { mime: row.proof_mime, data_base64: row.proof_data } : null
}

/**
 * Claims made at least the grace period before `before` (a reconciliation that has read the accounts)
 * for a payment still unpaid, that no received credit fits: each is marked alerted and returned once,
 * for one merchant alert.
 */
export async function takeUnfittedClaims(db: SqlRunner, before: Date): Promise<ClaimRow[]> {
  const rows = await db.execute<{ id: string }>(
    `UPDATE moota_payment_claim c SET alerted_at = now(), updated_at = now()
     FROM moota_reservation r
     WHERE r.id = c.reservation_id AND c.deleted_at IS NULL AND c.alerted_at IS NULL AND c.created_at < ?
       AND r.status <> ${sqlValue(RESERVATION.paid)}
       AND NOT EXISTS (
         SELECT 1 FROM moota_inbox_mutation i
         WHERE i.deleted_at IS NULL AND i.type = 'CR' AND i.amount = c.amount AND r.bank_ids @> jsonb_build_array(i.bank_id)
           AND (i.mutation_date IS NULL OR i.mutation_date BETWEEN c.transferred_at - (? * interval '1 millisecond')
             AND c.transferred_at + (? * interval '1 millisecond'))
       )
     RETURNING c.id`,
    [new Date(before.getTime() - CLAIM_ALERT_GRACE_MS), CLAIM_FIT_BEFORE_MS, CLAIM_FIT_AFTER_MS]
  )
  return rows.length ? await listClaims(db, { ids: rows.map((r) => r.id) }) : []
}

/**
 * Credits logged as unrelated that a new claim names (same amount, an account the buyer was shown,
 * around the reported time): the buyer says it was a payment, so a person should look at it.
 */
export async function listUnrelatedCreditsFittingClaim(db: SqlRunner, claim: ClaimRow): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(
    `SELECT i.id FROM moota_inbox_mutation i
     WHERE i.deleted_at IS NULL AND i.status = ${sqlValue(INBOX.processed)} AND i.outcome = ${sqlValue(OTHER_CREDIT_OUTCOMES.unrelated)}
       AND i.type = 'CR' AND i.amount = ? AND ?::jsonb @> jsonb_build_array(i.bank_id)
       AND (i.mutation_date IS NULL OR i.mutation_date BETWEEN ?::timestamptz - (? * interval '1 millisecond')
         AND ?::timestamptz + (? * interval '1 millisecond'))
     ORDER BY i.created_at DESC LIMIT 5`,
    [claim.amount, JSON.stringify(claim.bank_ids), claim.transferred_at, CLAIM_FIT_BEFORE_MS, claim.transferred_at, CLAIM_FIT_AFTER_MS]
  )
  return rows.map((r) => r.id)
}
