import { entityId } from "../../../lib/ids"
import type { NotificationClaim, NotificationLogRow } from "../../../lib/notifications"
import { NOTIFICATION, RESERVATION } from "../../../lib/statuses"
import type { ReminderQuery, ReservationRow, RetryQuery } from "../types"
import { sqlValue, type SqlRunner } from "./sql"

/** The notification log: each message the plugin sends, claimed once by its unique key, and its retries. */

/**
 * Claims the right to send one message. The unique `key` lets exactly one caller insert it, however
 * many times and in however many processes its event arrives; null when it was claimed before.
 */
export async function claim(db: SqlRunner, c: NotificationClaim): Promise<NotificationLogRow | null> {
  const [row] = await db.execute<NotificationLogRow>(
    `INSERT INTO moota_notification_log (id, key, event, channel, template, "to", status, attempts, data)
     VALUES (?, ?, ?, ?, ?, ?, ${sqlValue(NOTIFICATION.pending)}, 1, ?::jsonb)
     ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING RETURNING *`,
    [entityId("mnot"), c.key, c.event, c.channel, c.template, c.to, c.data ? JSON.stringify(c.data) : null]
  )
  return row ?? null
}

export async function recordResult(
  db: SqlRunner,
  id: string,
  result: { ok: true } | { ok: false; error: string }
): Promise<void> {
  await db.execute(
    `UPDATE moota_notification_log SET status = ?, last_error = ?, sent_at = CASE WHEN ? THEN now() ELSE sent_at END,
       updated_at = now() WHERE id = ?`,
    [result.ok ? NOTIFICATION.sent : NOTIFICATION.failed, result.ok ? null : result.error.slice(0, 1000), result.ok, id]
  )
}

/**
 * Takes messages for one more attempt: failed ones after a pause that doubles per attempt (1 min up
 * to 1 h, counted to `now`), and pending ones a crash left behind (untouched for `stale_minutes` of
 * the database's clock, so a send still in flight is never taken), below the attempt cap. SKIP
 * LOCKED plus the status change hand each row to one worker only.
 */
export async function claimRetries(db: SqlRunner, q: RetryQuery): Promise<NotificationLogRow[]> {
  return await db.execute<NotificationLogRow>(
    `UPDATE moota_notification_log SET status = ${sqlValue(NOTIFICATION.pending)}, attempts = attempts + 1, updated_at = now()
     WHERE id IN (
       SELECT id FROM moota_notification_log
       WHERE deleted_at IS NULL AND attempts < ? AND (
         (status = ${sqlValue(NOTIFICATION.failed)}
           AND updated_at <= ?::timestamptz - LEAST(power(2, GREATEST(attempts - 1, 0)), 60) * interval '1 minute')
         OR (status = ${sqlValue(NOTIFICATION.pending)} AND updated_at <= now() - ? * interval '1 minute')
       )
       ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED
     )
     RETURNING *`,
    [q.max_attempts, q.now, q.stale_minutes, q.limit]
  )
}

/**
 * Awaiting reservations of placed orders whose deadline falls within `minutes_before` of `now` and
 * that have no reminder logged yet (key `<key_prefix><reservation id><key_suffix>`). One placed
 * inside that window already got the full instructions, so it is left out.
 */
export async function listReminderDue(db: SqlRunner, q: ReminderQuery): Promise<ReservationRow[]> {
  return await db.execute<ReservationRow>(
    `SELECT r.* FROM moota_reservation r
     WHERE r.deleted_at IS NULL AND r.status = ${sqlValue(RESERVATION.awaiting)} AND r.order_id IS NOT NULL
       AND r.expires_at > ? AND r.expires_at <= ?::timestamptz + ? * interval '1 minute'
       AND r.created_at <= r.expires_at - ? * interval '1 minute'
       AND NOT EXISTS (
         SELECT 1 FROM moota_notification_log n WHERE n.key = ? || r.id || ? AND n.deleted_at IS NULL
       )
     ORDER BY r.expires_at LIMIT ?`,
    [q.now, q.now, q.minutes_before, q.minutes_before, q.key_prefix, q.key_suffix, q.limit]
  )
}
