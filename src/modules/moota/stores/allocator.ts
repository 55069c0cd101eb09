import { MedusaError } from "@medusajs/framework/utils"
import { entityId } from "../../../lib/ids"
import { RESERVATION } from "../../../lib/statuses"
import { codeStartFor, transferCandidates } from "../../../lib/unique-code"
import type { ReservationRow, ReserveAmountInput } from "../types"
import { sqlValue, type SqlRunner } from "./sql"

/**
 * The amount allocator: which transfer amount a payment session may show its buyer. The partial
 * unique index on active holds (bank_id, amount) is the guarantee that no two sessions share one.
 */

/** Postgres `integer`: amounts beyond it cannot be held. */
const MAX_AMOUNT = 2_147_483_647

const ACTIVE_HOLD = "active = true AND deleted_at IS NULL"

/**
 * Reserves, for one payment session, a transfer amount (total ± code) that no other active hold on
 * the same accounts has: each candidate is inserted with ON CONFLICT DO NOTHING and the next is tried
 * when another session got there first. Re-reserving a session (total or account changed) moves its
 * holds in the caller's transaction.
 */
export async function reserveAmount(db: SqlRunner, input: ReserveAmountInput): Promise<ReservationRow> {
  const banks = [...new Set(input.bank_ids)].sort()
  if (!banks.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "No receiving account to reserve an amount on")
  }
  if (!Number.isInteger(input.order_total) || input.order_total <= 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Moota payments need a positive whole-rupiah total, got ${input.order_total}`
    )
  }

  const [existing] = await db.execute<ReservationRow>(
    `SELECT * FROM moota_reservation WHERE session_id = ? AND deleted_at IS NULL FOR UPDATE`,
    [input.session_id]
  )
  if (existing?.status === RESERVATION.paid) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has already been received")
  }
  if (
    existing?.status === RESERVATION.awaiting &&
    existing.order_total === input.order_total &&
    existing.code_mode === input.code_mode &&
    existing.unique_code >= input.code_min &&
    existing.unique_code <= input.code_max &&
    JSON.stringify([...existing.bank_ids].sort()) === JSON.stringify(banks)
  ) {
    return existing
  }
  if (existing) {
    await deactivateHolds(db, [existing.id])
  }

  const candidates = transferCandidates(
    input.order_total,
    {
      min: input.code_min,
      max: input.code_max,
      mode: input.code_mode,
      start: input.code_min,
    },
    MAX_AMOUNT
  )
  if (!candidates.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `A total of ${input.order_total} leaves no valid transfer amount with unique codes ${input.code_min}-${input.code_max} (${input.code_mode})`
    )
  }
  const amounts = candidates.map((c) => c.amount)
  const taken = await db.execute<{ amount: number }>(
    `SELECT DISTINCT amount FROM moota_amount_hold WHERE ${ACTIVE_HOLD} AND bank_id IN (?) AND amount BETWEEN ? AND ?`,
    [banks, Math.min(...amounts), Math.max(...amounts)]
  )
  const takenSet = new Set(taken.map((t) => Number(t.amount)))

  // Start each session at its own place among the FREE codes (not the whole range): concurrent
  // allocators then spread evenly instead of piling onto the first free code after a taken run.
  const free = candidates.filter((c) => !takenSet.has(c.amount))
  const offset = free.length ? codeStartFor(input.session_id, 0, free.length - 1) : 0
  const reservationId = existing?.id ?? entityId("mres")
  for (const { code, amount } of [...free.slice(offset), ...free.slice(0, offset)]) {
    const inserted = await db.execute<{ id: string }>(
      `INSERT INTO moota_amount_hold (id, reservation_id, bank_id, amount, active)
       VALUES ${banks.map(() => "(?, ?, ?, ?, true)").join(", ")}
       ON CONFLICT (bank_id, amount) WHERE ${ACTIVE_HOLD} DO NOTHING
       RETURNING id`,
      banks.flatMap((bank) => [entityId("mhold"), reservationId, bank, amount])
    )
    if (inserted.length === banks.length) {
      return await writeReservation(db, reservationId, !!existing, input, banks, code, amount)
    }
    if (inserted.length) {
      // Free on some accounts but not all: give back what we took and try the next code.
      await db.execute(`DELETE FROM moota_amount_hold WHERE id IN (?)`, [inserted.map((r) => r.id)])
    }
  }
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `All ${candidates.length} unique codes for a total of Rp${input.order_total} are taken by other orders awaiting payment on this account; please try again later or choose another account`
  )
}

async function writeReservation(
  db: SqlRunner,
  id: string,
  exists: boolean,
  input: ReserveAmountInput,
  banks: string[],
  code: number,
  amount: number
): Promise<ReservationRow> {
  const values = [
    input.currency_code,
    input.order_total,
    code,
    input.code_mode,
    amount,
    JSON.stringify(banks),
    input.expires_at,
    input.quarantine_until,
  ]
  const [row] = exists
    ? await db.execute<ReservationRow>(
        `UPDATE moota_reservation SET status = ${sqlValue(RESERVATION.awaiting)}, currency_code = ?, order_total = ?, unique_code = ?,
           code_mode = ?, transfer_amount = ?, bank_ids = ?::jsonb, expires_at = ?, quarantine_until = ?,
           released_at = NULL, release_reason = NULL, updated_at = now()
         WHERE id = ? RETURNING *`,
        [...values, id]
      )
    : await db.execute<ReservationRow>(
        `INSERT INTO moota_reservation (id, session_id, status, currency_code, order_total, unique_code, code_mode,
           transfer_amount, bank_ids, expires_at, quarantine_until)
         VALUES (?, ?, ${sqlValue(RESERVATION.awaiting)}, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING *`,
        [id, input.session_id, ...values]
      )
  return row
}

/** Frees the amounts of these reservations for other sessions. */
export async function deactivateHolds(db: SqlRunner, reservationIds: string[]): Promise<void> {
  if (!reservationIds.length) {
    return
  }
  await db.execute(
    `UPDATE moota_amount_hold SET active = false, updated_at = now() WHERE reservation_id IN (?) AND active = true`,
    [reservationIds]
  )
}
