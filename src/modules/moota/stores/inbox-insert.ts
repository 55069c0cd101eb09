import { entityId } from "../../../lib/ids"
import type { InboxInput } from "../../../lib/moota/inbox-row"
import type { InboxSource } from "../../../lib/statuses"
import type { SqlRunner } from "./sql"

/**
 * Storing a delivery: the one statement an acknowledgement waits for. Its own file, light on imports,
 * so the plugin's own webhook listener (src/inbox/webhook/listener-thread.ts) loads it in a thread
 * without Medusa's framework.
 */

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
