import { SOURCE, WRITE_BACK } from "../../../lib/statuses"
import type { InboxRow, WriteBackResult } from "../types"
import { sqlValue, type SqlRunner } from "./sql"

/**
 * Write-back: telling Moota which order a captured transfer paid, retried until done or given up. Never
 * for a manual row ("mark as paid"): Moota has no such mutation, and rows queued before that rule stay skipped.
 */

export async function listDue(db: SqlRunner, limit: number): Promise<(InboxRow & { order_id: string | null })[]> {
  return await db.execute(
    `SELECT i.*, r.order_id FROM moota_inbox_mutation i LEFT JOIN moota_reservation r ON r.id = i.reservation_id
     WHERE i.write_back_status = ${sqlValue(WRITE_BACK.pending)} AND i.source <> ${sqlValue(SOURCE.manual)}
       AND i.deleted_at IS NULL ORDER BY i.updated_at LIMIT ?`,
    [limit]
  )
}

export async function record(db: SqlRunner, inboxId: string, result: WriteBackResult): Promise<void> {
  const status = result.ok ? WRITE_BACK.done : result.giveUp ? WRITE_BACK.failed : WRITE_BACK.pending
  await db.execute(
    `UPDATE moota_inbox_mutation SET write_back_status = ?, write_back_error = ?,
       write_back_attempts = write_back_attempts + 1, updated_at = now() WHERE id = ?`,
    [status, result.ok ? null : result.error.slice(0, 500), inboxId]
  )
}
