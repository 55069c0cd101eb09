import { MedusaError } from "@medusajs/framework/utils"
import { entityId } from "../../../lib/ids"
import type { BuyerReviewItem } from "../../../lib/buyer-review"
import type { MatchDecision } from "../../../lib/matching"
import { AUDIT, RESOLUTION, REVIEW, type AuditAction } from "../../../lib/statuses"
import type { InboxRow, ReviewItemRow } from "../types"
import { sqlValue, type SqlRunner } from "./sql"

/** The review queue (transfers waiting for the merchant) and the audit log of manual actions on money. */

type ReviewDecision = Extract<MatchDecision, { kind: "review" }>

/** One review item per transfer: a second decision on the same inbox row is a no-op (null). */
export async function openReviewItem(
  db: SqlRunner,
  inbox: InboxRow,
  decision: ReviewDecision,
  orderId: string | null
): Promise<ReviewItemRow | null> {
  const [item] = await db.execute<ReviewItemRow>(
    `INSERT INTO moota_review_item (id, inbox_mutation_id, reason, bank_id, mutation_id, amount, reservation_id,
       candidate_reservation_ids, order_id, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
     ON CONFLICT (inbox_mutation_id) WHERE deleted_at IS NULL DO NOTHING RETURNING *`,
    [
      entityId("mrev"),
      inbox.id,
      decision.reason,
      inbox.bank_id,
      inbox.mutation_id,
      inbox.amount,
      decision.reservation_id,
      JSON.stringify(decision.candidate_ids),
      orderId,
      decision.detail,
    ]
  )
  return item ?? null
}

/** The merchant matched the transfer to a reservation: its open item is resolved. */
export async function resolveMatched(
  db: SqlRunner,
  inboxId: string,
  reservation: { id: string; order_id: string | null },
  actorId: string
): Promise<void> {
  await db.execute(
    `UPDATE moota_review_item SET status = ${sqlValue(REVIEW.resolved)}, resolution = ${sqlValue(RESOLUTION.matched)},
       reservation_id = ?, order_id = COALESCE(?, order_id), resolved_by = ?, resolved_at = now(), updated_at = now()
     WHERE inbox_mutation_id = ? AND status = ${sqlValue(REVIEW.open)}`,
    [reservation.id, reservation.order_id, actorId, inboxId]
  )
}

/** Undoes resolveMatched: the item is open again. */
export async function reopenMatched(db: SqlRunner, inboxId: string): Promise<void> {
  await db.execute(
    `UPDATE moota_review_item SET status = ${sqlValue(REVIEW.open)}, resolution = NULL, resolved_by = NULL, resolved_at = NULL,
       updated_at = now()
     WHERE inbox_mutation_id = ? AND status = ${sqlValue(REVIEW.resolved)} AND resolution = ${sqlValue(RESOLUTION.matched)}`,
    [inboxId]
  )
}

/** The merchant decides a transfer needs no action (e.g. not a sale); audited with the note. */
export async function dismissReviewItem(db: SqlRunner, id: string, actorId: string, note: string): Promise<ReviewItemRow> {
  const [item] = await db.execute<ReviewItemRow>(
    `UPDATE moota_review_item SET status = ${sqlValue(REVIEW.dismissed)}, resolution = ${sqlValue(RESOLUTION.dismissed)},
       resolved_by = ?, resolved_at = now(), updated_at = now()
     WHERE id = ? AND status = ${sqlValue(REVIEW.open)} AND deleted_at IS NULL RETURNING *`,
    [actorId, id]
  )
  if (!item) {
    const [existing] = await db.execute(`SELECT id FROM moota_review_item WHERE id = ? AND deleted_at IS NULL`, [id])
    throw existing
      ? new MedusaError(MedusaError.Types.NOT_ALLOWED, "This review item has already been resolved")
      : new MedusaError(MedusaError.Types.NOT_FOUND, `Review item ${id} not found`)
  }
  await audit(db, actorId, AUDIT.dismiss, id, note, { inbox_mutation_id: item.inbox_mutation_id })
  return item
}

/** Opens a dismissed item again, as before the merchant dismissed it (the audit row stays). */
export async function reopenReviewItem(db: SqlRunner, id: string): Promise<void> {
  await db.execute(
    `UPDATE moota_review_item SET status = ${sqlValue(REVIEW.open)}, resolution = NULL, resolved_by = NULL, resolved_at = NULL,
       updated_at = now()
     WHERE id = ? AND status = ${sqlValue(REVIEW.dismissed)} AND deleted_at IS NULL`,
    [id]
  )
}

/** Open review items per reason: the review queue's menu badge and filter counts. */
export async function countOpenReviewItems(db: SqlRunner): Promise<Record<string, number>> {
  const rows = await db.execute<{ reason: string; count: string }>(
    `SELECT reason, count(*) AS count FROM moota_review_item WHERE status = ${sqlValue(REVIEW.open)} AND deleted_at IS NULL
     GROUP BY reason`
  )
  return Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]))
}

/** Who did what to which row, and why. */
export async function audit(
  db: SqlRunner,
  actorId: string,
  action: AuditAction,
  subjectId: string,
  note: string | null,
  data: Record<string, unknown> | null
): Promise<void> {
  await db.execute(
    `INSERT INTO moota_audit_log (id, actor_id, action, subject_id, note, data) VALUES (?, ?, ?, ?, ?, ?::jsonb)`,
    [entityId("maud"), actorId, action, subjectId, note, data ? JSON.stringify(data) : null]
  )
}

/**
 * Review items a buyer of this reservation may be waiting on (see lib/buyer-review.ts, which decides):
 * those naming it or its order, and those on its accounts with an amount in [min, max] or one of `amounts` (the
 * buyer's claims) created since it was made.
 */
export async function listBuyerReviewItems(
  db: SqlRunner,
  q: { reservation_id: string; order_id?: string | null; bank_ids: string[]; min: number; max: number; amounts: number[]; since: Date }
): Promise<(BuyerReviewItem & { id: string })[]> {
  const rows = await db.execute<BuyerReviewItem & { id: string; amount: string | number | null }>(
    `SELECT ri.id, ri.status, ri.reservation_id, COALESCE(ri.candidate_reservation_ids, '[]'::jsonb) AS candidate_reservation_ids,
       ri.order_id, ri.bank_id, ri.amount, i.mutation_date, ri.created_at
     FROM moota_review_item ri LEFT JOIN moota_inbox_mutation i ON i.id = ri.inbox_mutation_id
     WHERE ri.deleted_at IS NULL AND ri.status IN (${sqlValue(REVIEW.open)}, ${sqlValue(REVIEW.dismissed)}) AND (
       ri.reservation_id = ? OR ri.candidate_reservation_ids @> ?::jsonb OR ri.order_id = ?
       OR (ri.bank_id IN (?) AND (ri.amount BETWEEN ? AND ? OR ri.amount IN (?)) AND ri.created_at >= ?)
     )
     ORDER BY ri.created_at DESC LIMIT 20`,
    [
      q.reservation_id,
      JSON.stringify([q.reservation_id]),
      q.order_id ?? "",
      q.bank_ids.length ? q.bank_ids : [""],
      q.min,
      q.max,
      q.amounts.length ? q.amounts : [-1],
      q.since,
    ]
  )
  return rows.map((r) => ({
    ...r,
    amount: r.amount === null ? null : Number(r.amount),
    mutation_date: r.mutation_date ? new Date(r.mutation_date) : null,
    created_at: new Date(r.created_at),
  }))
}
