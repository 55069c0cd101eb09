import { MedusaError } from "@medusajs/framework/utils"
import { entityId } from "../../../lib/ids"
import { AUDIT, OPEN_RESERVATION_STATUSES, REASON, REVIEW } from "../../../lib/statuses"
import { isOtherCredit, nearBand, type TriageReservation } from "../../../lib/triage"
import type { ReviewItemRow, TriageCredit, TriageRules } from "../types"
import { getInboxRow } from "./inbox"
import { audit, openReviewItem } from "./review"
import { sqlList, sqlValue, type SqlRunner } from "./sql"

/**
 * The data behind the triage of credits no reservation holds (lib/triage.ts): when the plugin first saw
 * each account, the reservations near an amount, and the merchant's "send it to review" on a credit
 * that was logged as unrelated or history.
 */

/**
 * Records the first time each account was seen, once (an account already recorded costs one index
 * lookup). On an upgrade the plugin already existed: the account's oldest reservation or inbox row, if
 * older, is when it was first seen.
 */
export async function recordAccountsSeen(db: SqlRunner, bankIds: string[]): Promise<Map<string, Date>> {
  const banks = [...new Set(bankIds)]
  if (!banks.length) {
    return new Map()
  }
  await db.execute(
    `INSERT INTO moota_account_seen (id, bank_id, first_seen_at)
     SELECT b.id, b.bank_id, LEAST(now(),
       (SELECT min(r.created_at) FROM moota_reservation r WHERE r.bank_ids @> jsonb_build_array(b.bank_id)),
       (SELECT min(i.created_at) FROM moota_inbox_mutation i WHERE i.bank_id = b.bank_id))
     FROM jsonb_to_recordset(?::jsonb) AS b(id text, bank_id text)
     WHERE NOT EXISTS (SELECT 1 FROM moota_account_seen s WHERE s.bank_id = b.bank_id AND s.deleted_at IS NULL)
     ON CONFLICT (bank_id) WHERE deleted_at IS NULL DO NOTHING`,
    [JSON.stringify(banks.map((bank_id) => ({ id: entityId("macs"), bank_id })))]
  )
  const rows = await db.execute<{ bank_id: string; first_seen_at: Date }>(
    `SELECT bank_id, first_seen_at FROM moota_account_seen WHERE bank_id IN (?) AND deleted_at IS NULL`,
    [banks]
  )
  return new Map(rows.map((r) => [r.bank_id, new Date(r.first_seen_at)]))
}

/**
 * For each credit, a reservation that fits it by the rules of lib/triage.ts (`isRecent` and
 * `fitsReservation`, written here in SQL so the lookup can stop at the first fit): at most one found
 * by transfer amount and one by order total, each an index range scan over the amounts `nearBand`
 * allows. One statement for a whole batch; the cost does not grow with the orders outside the band.
 */
export async function findNearReservations(
  db: SqlRunner,
  credits: TriageCredit[],
  rules: TriageRules
): Promise<Map<string, TriageReservation[]>> {
  const found = new Map<string, TriageReservation[]>(credits.map((c) => [c.key, []]))
  if (!credits.length || !rules.bank_ids.length) {
    return found
  }
  const input = credits.map((c) => ({ ...c, ...nearBand(c.amount, rules.tolerance_percent, rules.code_max) }))
  const fit = (ref: string) => `r.deleted_at IS NULL AND r.${ref} BETWEEN d.min AND d.max
       AND jsonb_exists_any(r.bank_ids, p.shop) AND (r.status IN (${sqlList(OPEN_RESERVATION_STATUSES)}) OR r.updated_at >= d.since)
       AND CASE WHEN r.bank_ids @> jsonb_build_array(d.bank_id)
         THEN abs(d.amount - r.${ref}) <= p.code_max OR abs(d.amount - r.${ref}) * 100 <= r.${ref} * p.tol
         ELSE d.amount = r.${ref} END`
  const pick = `r.id, r.status, r.order_total, r.transfer_amount, r.updated_at, r.bank_ids @> jsonb_build_array(d.bank_id) AS same_account`
  const rows = await db.execute<TriageReservation & { key: string }>(
    `SELECT d.key, f.* FROM jsonb_to_recordset(?::jsonb) AS d(key text, bank_id text, amount bigint, since timestamptz, min bigint, max bigint)
     CROSS JOIN (SELECT ARRAY[?]::text[] AS shop, ?::numeric AS tol, ?::bigint AS code_max) p
     CROSS JOIN LATERAL (
       (SELECT ${pick} FROM moota_reservation r WHERE ${fit("transfer_amount")} LIMIT 1)
       UNION ALL
       (SELECT ${pick} FROM moota_reservation r WHERE ${fit("order_total")} LIMIT 1)
     ) f`,
    [JSON.stringify(input), rules.bank_ids, rules.tolerance_percent, rules.code_max]
  )
  for (const { key, ...r } of rows) {
    found.get(key)?.push({
      ...r,
      order_total: Number(r.order_total),
      transfer_amount: Number(r.transfer_amount),
      updated_at: new Date(r.updated_at),
    })
  }
  return found
}

/**
 * The merchant sends a logged credit to the review queue: an open "unmatched" item, the inbox row's
 * outcome moved to review, and the audit row, under a lock on the inbox row.
 */
export async function reviewOtherCredit(
  db: SqlRunner,
  input: { inbox_id: string; actor_id: string; note: string }
): Promise<{ item: ReviewItemRow; previous_outcome: string }> {
  const inbox = await getInboxRow(db, input.inbox_id, { lock: true })
  if (!inbox) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Transfer ${input.inbox_id} not found`)
  }
  if (!isOtherCredit(inbox)) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This transfer is not among the other credits any more")
  }
  const item = await openReviewItem(
    db,
    inbox,
    { kind: "review", reason: REASON.unmatched, reservation_id: null, candidate_ids: [], detail: "Sent to review by the merchant" },
    null
  )
  if (!item) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This transfer is already in the review queue")
  }
  await db.execute(`UPDATE moota_inbox_mutation SET outcome = ?, updated_at = now() WHERE id = ?`, [`review_${REASON.unmatched}`, inbox.id])
  await audit(db, input.actor_id, AUDIT.to_review, inbox.id, input.note, {
    review_item_id: item.id,
    previous_outcome: inbox.outcome,
    amount: inbox.amount,
  })
  return { item, previous_outcome: inbox.outcome! }
}

/** Puts a credit back among the other credits when the rest of its workflow failed. */
export async function undoReviewOtherCredit(
  db: SqlRunner,
  undo: { inbox_id: string; review_item_id: string; previous_outcome: string }
): Promise<void> {
  await db.execute(`DELETE FROM moota_review_item WHERE id = ? AND status = ${sqlValue(REVIEW.open)}`, [undo.review_item_id])
  await db.execute(`UPDATE moota_inbox_mutation SET outcome = ?, updated_at = now() WHERE id = ? AND outcome = ?`, [
    undo.previous_outcome,
    undo.inbox_id,
    `review_${REASON.unmatched}`,
  ])
}
