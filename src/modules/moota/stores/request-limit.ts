import { entityId } from "../../../lib/ids"
import type { RequestCount } from "../types"
import type { SqlRunner } from "./sql"

/**
 * Per-address request limits shared by every server process: one fixed window per (scope, address),
 * counted by a single atomic UPSERT, so concurrent requests on any process never both read a stale
 * count. Refused requests count too; the window never moves for them.
 */

/** Counts one request; the window starts anew (count 1) once the previous one has ended. */
export async function recordRequest(db: SqlRunner, scope: string, address: string, windowMs: number): Promise<RequestCount> {
  const rows = await db.execute<{ hits: number; window_end: Date }>(
    `INSERT INTO moota_request_window (id, scope, address, hits, window_end)
     VALUES (?, ?, ?, 1, now() + (? * interval '1 millisecond'))
     ON CONFLICT (scope, address) WHERE deleted_at IS NULL DO UPDATE SET
       hits = CASE WHEN moota_request_window.window_end <= now() THEN 1 ELSE moota_request_window.hits + 1 END,
       window_end = CASE WHEN moota_request_window.window_end <= now() THEN EXCLUDED.window_end
                         ELSE moota_request_window.window_end END,
       updated_at = now()
     RETURNING hits, window_end`,
    [entityId("mreq"), scope, address, windowMs]
  )
  const { hits, window_end } = rows[0]
  if (hits === 1) await forgetEnded(db)
  return { hits, window_end: new Date(window_end) }
}

/**
 * Deletes windows that ended (idle addresses), a batch at a time. Run when a window starts, which is
 * at most once per address and window, so the table holds about one row per recently active address.
 */
async function forgetEnded(db: SqlRunner): Promise<void> {
  await db.execute(
    `DELETE FROM moota_request_window WHERE id IN (
       SELECT id FROM moota_request_window WHERE window_end < now() AND deleted_at IS NULL ORDER BY window_end LIMIT 500
       FOR UPDATE SKIP LOCKED)`
  )
}
