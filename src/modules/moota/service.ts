import type { Context } from "@medusajs/framework/types"
import {
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { parseMootaOptions, type MootaOptions } from "../../lib/options"
import { transferAmount } from "../../lib/unique-code"
import { MootaAmountHold, MootaInboxMutation, MootaReservation, MootaReviewItem } from "./models"
import type { PaidMutation, RefundRecord, ReservationRow, ReserveAmountInput } from "./types"

/** The slice of MikroORM's entity manager used for the few statements DML cannot express. */
type SqlRunner = { execute<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> }

/** Postgres `integer`: amounts beyond it cannot be held. */
const MAX_AMOUNT = 2_147_483_647

const ACTIVE_HOLD = "active = true AND deleted_at IS NULL"

function sql(ctx: Context): SqlRunner {
  return ctx.transactionManager as unknown as SqlRunner
}

/** Spreads concurrent allocators over the free codes so they rarely try the same one. */
function startOffset(key: string, size: number): number {
  let h = 2166136261
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0
  }
  return h % size
}

class MootaModuleService extends MedusaService({
  MootaReservation,
  MootaAmountHold,
  MootaInboxMutation,
  MootaReviewItem,
}) {
  protected readonly options_: MootaOptions

  constructor(container: Record<string, unknown>, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseMootaOptions(options)
  }

  getOptions(): MootaOptions {
    return this.options_
  }

  /**
   * Reserves, for one payment session, a transfer amount (total ± code) that no other active hold on
   * the same accounts has. The partial unique index on holds is the guarantee: each candidate is
   * inserted with ON CONFLICT DO NOTHING and the next is tried when another session got there first.
   * Re-reserving a session (total or account changed) moves its holds in the same transaction.
   */
  @InjectTransactionManager()
  async reserveAmount(input: ReserveAmountInput, @MedusaContext() ctx: Context = {}): Promise<ReservationRow> {
    const db = sql(ctx)
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
    if (existing?.status === "paid") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has already been received")
    }
    if (
      existing?.status === "awaiting" &&
      existing.order_total === input.order_total &&
      existing.code_mode === input.code_mode &&
      existing.unique_code >= input.code_min &&
      existing.unique_code <= input.code_max &&
      JSON.stringify([...existing.bank_ids].sort()) === JSON.stringify(banks)
    ) {
      return existing
    }
    if (existing) {
      await db.execute(`UPDATE moota_amount_hold SET active = false, updated_at = now() WHERE reservation_id = ? AND active = true`, [
        existing.id,
      ])
    }

    const candidates: { code: number; amount: number }[] = []
    for (let code = input.code_min; code <= input.code_max; code++) {
      if (input.code_mode === "decrease" && code >= input.order_total) {
        continue
      }
      const amount = transferAmount(input.order_total, code, input.code_mode)
      if (amount <= MAX_AMOUNT) {
        candidates.push({ code, amount })
      }
    }
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
    const free = candidates.filter((c) => !takenSet.has(c.amount))

    const reservationId = existing?.id ?? generateEntityId(undefined, "mres")
    const start = free.length ? startOffset(input.session_id, free.length) : 0
    for (let i = 0; i < free.length; i++) {
      const { code, amount } = free[(start + i) % free.length]
      const inserted = await db.execute<{ id: string }>(
        `INSERT INTO moota_amount_hold (id, reservation_id, bank_id, amount, active)
         VALUES ${banks.map(() => "(?, ?, ?, ?, true)").join(", ")}
         ON CONFLICT (bank_id, amount) WHERE ${ACTIVE_HOLD} DO NOTHING
         RETURNING id`,
        banks.flatMap((bank) => [generateEntityId(undefined, "mhold"), reservationId, bank, amount])
      )
      if (inserted.length === banks.length) {
        return await this.writeReservation_(db, reservationId, !!existing, input, banks, code, amount)
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

  private async writeReservation_(
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
          `UPDATE moota_reservation SET status = 'awaiting', currency_code = ?, order_total = ?, unique_code = ?,
             code_mode = ?, transfer_amount = ?, bank_ids = ?::jsonb, expires_at = ?, quarantine_until = ?,
             released_at = NULL, release_reason = NULL, updated_at = now()
           WHERE id = ? RETURNING *`,
          [...values, id]
        )
      : await db.execute<ReservationRow>(
          `INSERT INTO moota_reservation (id, session_id, status, currency_code, order_total, unique_code, code_mode,
             transfer_amount, bank_ids, expires_at, quarantine_until)
           VALUES (?, ?, 'awaiting', ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING *`,
          [id, input.session_id, ...values]
        )
    return row
  }

  @InjectTransactionManager()
  async getReservationBySession(sessionId: string, @MedusaContext() ctx: Context = {}): Promise<ReservationRow | null> {
    const [row] = await sql(ctx).execute<ReservationRow>(
      `SELECT * FROM moota_reservation WHERE session_id = ? AND deleted_at IS NULL`,
      [sessionId]
    )
    return row ?? null
  }

  /** Gives the amount back (cart changed, session deleted, order canceled). Paid reservations stay. */
  @InjectTransactionManager()
  async releaseReservation(
    sessionId: string,
    reason: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    const db = sql(ctx)
    const [row] = await db.execute<ReservationRow>(
      `UPDATE moota_reservation SET status = 'released', released_at = now(), release_reason = ?, updated_at = now()
       WHERE session_id = ? AND status IN ('awaiting', 'quarantined') AND deleted_at IS NULL RETURNING *`,
      [reason, sessionId]
    )
    if (row) {
      await this.deactivateHolds_(db, [row.id])
    }
    return row ?? null
  }

  /**
   * Moves reservations past their deadline into quarantine (amount still held, so a late transfer maps
   * to its order and is flagged) and frees the amounts of those whose quarantine ended.
   */
  @InjectTransactionManager()
  async expireDue(
    now: Date = new Date(),
    @MedusaContext() ctx: Context = {}
  ): Promise<{ quarantined: ReservationRow[]; expired: ReservationRow[] }> {
    const db = sql(ctx)
    const quarantined = await db.execute<ReservationRow>(
      `UPDATE moota_reservation SET status = 'quarantined', updated_at = now()
       WHERE status = 'awaiting' AND expires_at <= ? AND deleted_at IS NULL RETURNING *`,
      [now]
    )
    const expired = await db.execute<ReservationRow>(
      `UPDATE moota_reservation SET status = 'expired', updated_at = now()
       WHERE status = 'quarantined' AND (quarantine_until IS NULL OR quarantine_until <= ?) AND deleted_at IS NULL
       RETURNING *`,
      [now]
    )
    await this.deactivateHolds_(
      db,
      expired.map((r) => r.id)
    )
    return { quarantined, expired }
  }

  /**
   * Records the transfer that paid a reservation. Only an awaiting reservation can become paid, and the
   * conditional update makes that happen at most once, whoever races.
   */
  @InjectTransactionManager()
  async markReservationPaid(
    reservationId: string,
    mutation: PaidMutation,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    const db = sql(ctx)
    const [row] = await db.execute<ReservationRow>(
      `UPDATE moota_reservation SET status = 'paid', paid_at = ?, paid_bank_id = ?, paid_mutation_id = ?,
         received_amount = ?, updated_at = now()
       WHERE id = ? AND status = 'awaiting' AND deleted_at IS NULL RETURNING *`,
      [mutation.paid_at, mutation.bank_id, mutation.mutation_id, mutation.amount, reservationId]
    )
    if (row) {
      await this.deactivateHolds_(db, [row.id])
    }
    return row ?? null
  }

  @InjectTransactionManager()
  async setReservationOrder(sessionId: string, orderId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await sql(ctx).execute(
      `UPDATE moota_reservation SET order_id = ?, updated_at = now() WHERE session_id = ? AND deleted_at IS NULL`,
      [orderId, sessionId]
    )
  }

  /** Moota cannot send money: a refund is the merchant's manual transfer, recorded here. */
  @InjectTransactionManager()
  async recordRefund(
    sessionId: string,
    refund: RefundRecord,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    const [row] = await sql(ctx).execute<ReservationRow>(
      `UPDATE moota_reservation SET refunds = COALESCE(refunds, '[]'::jsonb) || ?::jsonb, updated_at = now()
       WHERE session_id = ? AND deleted_at IS NULL RETURNING *`,
      [JSON.stringify([refund]), sessionId]
    )
    return row ?? null
  }

  private async deactivateHolds_(db: SqlRunner, reservationIds: string[]): Promise<void> {
    if (!reservationIds.length) {
      return
    }
    await db.execute(
      `UPDATE moota_amount_hold SET active = false, updated_at = now() WHERE reservation_id IN (?) AND active = true`,
      [reservationIds]
    )
  }
}

export default MootaModuleService
