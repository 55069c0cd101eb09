import { MedusaError } from "@medusajs/framework/utils"
import { entityId } from "../../../lib/ids"
import type { InboxInput } from "../../../lib/moota"
import { INBOX, OUTCOME, SOURCE, type InboxOutcome, type InboxSource } from "../../../lib/statuses"
import type { InboxRow } from "../types"
import { getById } from "./reservations"
import { sqlList, sqlValue, type SqlRunner } from "./sql"

/** The inbox: every mutation Moota reported, stored before it is processed, and where each stands. */

/**
 * One INSERT of inbox rows; conflicts on (bank_id, mutation_id) are skipped. Returns the new ids.
 * The rows travel as one JSON parameter: a 50-mutation delivery is one short statement to build and
 * send instead of 550 quoted values.
 */
export async function insertInbox(db: SqlRunner, rows: InboxInput[], source: InboxSource): Promise<string[]> {
  const inserted = await db.execute<{ id: string }>(
    `INSERT INTO moota_inbox_mutation (id, bank_id, mutation_id, type, amount, amount_raw, account_number_masked,
       description, mutation_date, payment_detail, source)
     SELECT r.id, r.bank_id, r.mutation_id, r.type, r.amount, r.amount_raw, r.account_number_masked,
       r.description, r.mutation_date, r.payment_detail, ?
     FROM jsonb_to_recordset(?::jsonb) AS r(id text, bank_id text, mutation_id text, type text, amount integer,
       amount_raw text, account_number_masked text, description text, mutation_date timestamptz, payment_detail jsonb)
     ON CONFLICT (bank_id, mutation_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [source, JSON.stringify(rows.map((r) => ({ ...r, id: entityId("minb") })))]
  )
  return inserted.map((r) => r.id)
}

export async function getInboxRow(db: SqlRunner, id: string, opts: { lock?: boolean } = {}): Promise<InboxRow | null> {
  const [row] = await db.execute<InboxRow>(
    `SELECT * FROM moota_inbox_mutation WHERE id = ? AND deleted_at IS NULL${opts.lock ? " FOR UPDATE" : ""}`,
    [id]
  )
  return row ?? null
}

/** One more processing attempt; also renews the row's lease (its updated_at). */
export async function countAttempt(db: SqlRunner, id: string): Promise<void> {
  await db.execute(`UPDATE moota_inbox_mutation SET attempts = attempts + 1, updated_at = now() WHERE id = ?`, [id])
}

/** The transfer paid this reservation; the capture in Medusa is still to come. */
export async function markMatched(
  db: SqlRunner,
  id: string,
  reservationId: string,
  outcome: typeof OUTCOME.matched | typeof OUTCOME.matched_manual
): Promise<void> {
  await db.execute(
    `UPDATE moota_inbox_mutation SET status = ${sqlValue(INBOX.matched)}, outcome = ?, reservation_id = ?, updated_at = now()
     WHERE id = ?`,
    [outcome, reservationId, id]
  )
}

export async function close(db: SqlRunner, id: string, outcome: InboxOutcome, reservationId: string | null): Promise<void> {
  await db.execute(
    `UPDATE moota_inbox_mutation SET status = ${sqlValue(INBOX.processed)}, outcome = ?, reservation_id = COALESCE(?, reservation_id),
       processed_at = now(), updated_at = now() WHERE id = ?`,
    [outcome, reservationId, id]
  )
}

export async function recordInboxError(db: SqlRunner, id: string, message: string): Promise<void> {
  await db.execute(`UPDATE moota_inbox_mutation SET last_error = ?, updated_at = now() WHERE id = ?`, [
    message.slice(0, 1000),
    id,
  ])
}

/** Inbox rows nobody finished: pending (crash between commit and processing) or matched but not captured. */
export async function listUnfinished(db: SqlRunner, olderThan: Date, limit: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(
    `SELECT id FROM moota_inbox_mutation WHERE status IN (${sqlList([INBOX.pending, INBOX.matched])}) AND updated_at <= ?
       AND deleted_at IS NULL
     ORDER BY created_at LIMIT ?`,
    [olderThan, limit]
  )
  return rows.map((r) => r.id)
}

/** Newest mutation date seen per account: where the reconciliation poll resumes. */
export async function lastMutationDates(db: SqlRunner): Promise<Map<string, Date>> {
  const rows = await db.execute<{ bank_id: string; last: Date }>(
    `SELECT bank_id, max(mutation_date) AS last FROM moota_inbox_mutation WHERE deleted_at IS NULL GROUP BY bank_id`
  )
  return new Map(rows.filter((r) => r.last).map((r) => [r.bank_id, new Date(r.last)]))
}

/**
 * "Mark as paid" without a Moota mutation (the merchant saw the money in the bank): records a manual
 * transfer row for the reservation's exact amount, once per reservation.
 */
export async function createManualTransfer(db: SqlRunner, reservationId: string, bankId: string | null): Promise<string> {
  const r = await getById(db, reservationId)
  if (!r) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Moota payment ${reservationId} not found`)
  }
  const bank = bankId ?? r.bank_ids[0]
  if (!r.bank_ids.includes(bank)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Account ${bank} was not offered for this payment`)
  }
  const [row] = await db.execute<{ id: string }>(
    `INSERT INTO moota_inbox_mutation (id, bank_id, mutation_id, type, amount, amount_raw, description, mutation_date,
       source, status, outcome)
     VALUES (?, ?, ?, 'CR', ?, ?, 'Marked as paid by the merchant', now(), ?, ?, ?)
     ON CONFLICT (bank_id, mutation_id) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
    [entityId("minb"), bank, `manual-${r.id}`, r.transfer_amount, String(r.transfer_amount), SOURCE.manual, INBOX.processed, OUTCOME.manual]
  )
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has already been marked as paid")
  }
  return row.id
}
