import { MedusaError } from "@medusajs/framework/utils"
import { entityId } from "../../../lib/ids"
import { INBOX, OUTCOME, SOURCE, manualMutationId, type InboxOutcome } from "../../../lib/statuses"
import type { InboxRow } from "../types"
import { leasable } from "./lease"
import { getById } from "./reservations"
import { sqlList, sqlValue, type SqlRunner } from "./sql"

export { insertInbox } from "./inbox-insert"

/** The inbox: every mutation Moota reported, stored before it is processed, and where each stands. */

export async function getInboxRow(db: SqlRunner, id: string, opts: { lock?: boolean } = {}): Promise<InboxRow | null> {
  const [row] = await db.execute<InboxRow>(
    `SELECT * FROM moota_inbox_mutation WHERE id = ? AND deleted_at IS NULL${opts.lock ? " FOR UPDATE" : ""}`,
    [id]
  )
  return row ?? null
}

/** One more processing attempt. */
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
    [entityId("minb"), bank, manualMutationId(r.id), r.transfer_amount, String(r.transfer_amount), SOURCE.manual, INBOX.processed, OUTCOME.manual]
  )
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has already been marked as paid")
  }
  return row.id
}

/** Removes a manual transfer ("mark as paid" failed after creating it), as the generated delete would. */
export async function deleteManualTransfer(db: SqlRunner, id: string): Promise<void> {
  await db.execute(
    `UPDATE moota_inbox_mutation SET deleted_at = now(), updated_at = now()
     WHERE id = ? AND source = ${sqlValue(SOURCE.manual)} AND deleted_at IS NULL`,
    [id]
  )
}

/**
 * Leases for the confirmation scheduler (src/inbox/scheduler.ts): a leased row is left to the process
 * that holds it while that process lives, and free the moment it dies (stores/lease.ts). The decision
 * itself is still taken under a lock on the row (decisions.ts), so a lease never causes a second capture.
 */
const LEASE = `lease_owner = ?, claimed_until = now() + (? * interval '1 millisecond')`

function oldestFirst(rows: InboxRow[]): InboxRow[] {
  return rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
}

/**
 * Of these rows, leases those that may pay an order now and so go before everything else: credits on
 * the shop's accounts whose amount an active hold blocks (an awaiting or quarantined payment), that
 * name a Moota transaction or arrive on a Moota transaction (VA/QRIS) account, and captures recorded but not finished. Oldest first.
 */
export async function leaseCandidates(
  db: SqlRunner,
  ids: string[],
  accounts: { bankIds: string[]; transactionBankIds: string[] },
  owner: number,
  leaseMs: number
): Promise<InboxRow[]> {
  if (!ids.length || !accounts.bankIds.length) {
    return []
  }
  const rows = await db.execute<InboxRow>(
    `UPDATE moota_inbox_mutation SET ${LEASE}
     WHERE id IN (SELECT c.id FROM moota_inbox_mutation c
       WHERE c.id IN (SELECT jsonb_array_elements_text(?::jsonb)) AND ${leasable("c")}
         AND (c.status = ${sqlValue(INBOX.matched)} OR (c.status = ${sqlValue(INBOX.pending)} AND c.type = 'CR' AND c.bank_id IN (?)
           AND (jsonb_typeof(c.payment_detail) = 'object' OR c.bank_id IN (SELECT jsonb_array_elements_text(?::jsonb))
             OR EXISTS (SELECT 1 FROM moota_amount_hold h WHERE h.bank_id = c.bank_id AND h.amount = c.amount
               AND h.active = true AND h.deleted_at IS NULL))))
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [owner, leaseMs, JSON.stringify(ids), owner, accounts.bankIds, JSON.stringify(accounts.transactionBankIds)]
  )
  return oldestFirst(rows)
}

/** Leases up to `limit` of the oldest pending rows this process may take, whatever they are. */
export async function leasePending(db: SqlRunner, limit: number, owner: number, leaseMs: number): Promise<InboxRow[]> {
  const rows = await db.execute<InboxRow>(
    `UPDATE moota_inbox_mutation SET ${LEASE}
     WHERE id IN (SELECT c.id FROM moota_inbox_mutation c WHERE c.status = ${sqlValue(INBOX.pending)} AND ${leasable("c")}
       ORDER BY c.created_at LIMIT ? FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [owner, leaseMs, owner, limit]
  )
  return oldestFirst(rows)
}

/**
 * Unfinished rows (pending, or matched and not captured) this process may lease now: nobody's,
 * left by a process that died, or its own whose wait ran out. What the recovery job takes over.
 */
export async function listLeasable(db: SqlRunner, owner: number, limit: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(
    `SELECT c.id FROM moota_inbox_mutation c WHERE c.status IN (${sqlList([INBOX.pending, INBOX.matched])}) AND ${leasable("c")}
     ORDER BY c.created_at LIMIT ?`,
    [owner, limit]
  )
  return rows.map((r) => r.id)
}

/**
 * Closes many pending rows at once with the outcome decided for each (debits, tests, unknown
 * accounts, unrelated credits, history): the same outcome and attempt count the one-row path
 * records. A row someone else decided meanwhile is left alone. Returns the ids closed here.
 */
export async function closeMany(db: SqlRunner, decided: { id: string; outcome: InboxOutcome }[]): Promise<string[]> {
  if (!decided.length) {
    return []
  }
  const rows = await db.execute<{ id: string }>(
    `UPDATE moota_inbox_mutation i SET status = ${sqlValue(INBOX.processed)}, outcome = d.outcome, attempts = i.attempts + 1,
       processed_at = now(), updated_at = now(), lease_owner = NULL, claimed_until = NULL
     FROM jsonb_to_recordset(?::jsonb) AS d(id text, outcome text)
     WHERE i.id = d.id AND i.status = ${sqlValue(INBOX.pending)} AND i.deleted_at IS NULL
     RETURNING i.id`,
    [JSON.stringify(decided)]
  )
  return rows.map((r) => r.id)
}
