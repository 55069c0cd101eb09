import { entityId } from "../../../lib/ids"
import type { SqlRunner } from "./sql"

/** Throttling Moota's "check now" per account: each refresh costs the merchant Moota points. */

/** Atomically claims the right to refresh an account now; false while the interval has not passed. */
export async function leaseBankRefresh(db: SqlRunner, bankId: string, intervalSeconds: number): Promise<boolean> {
  const rows = await db.execute(
    `INSERT INTO moota_bank_refresh (id, bank_id, last_refresh_at) VALUES (?, ?, now())
     ON CONFLICT (bank_id) WHERE deleted_at IS NULL DO UPDATE SET last_refresh_at = now(), updated_at = now()
     WHERE moota_bank_refresh.last_refresh_at <= now() - (? * interval '1 second')
     RETURNING id`,
    [entityId("mbref"), bankId, intervalSeconds]
  )
  return rows.length === 1
}
