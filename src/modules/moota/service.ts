import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { entityId } from "../../lib/ids"
import { createMootaClient, type MootaClient } from "../../lib/moota"
import { parseMootaOptions, type MootaOptions } from "../../lib/options"
import { transferAmount } from "../../lib/unique-code"
import {
  MootaAmountHold,
  MootaAuditLog,
  MootaBankRefresh,
  MootaInboxMutation,
  MootaNotificationLog,
  MootaReservation,
  MootaReviewItem,
} from "./models"
import type { MatchCandidate, MatchDecision } from "../../lib/matching"
import type { InboxInput } from "../../lib/moota"
import type { NotificationClaim, NotificationLogRow } from "../../lib/notifications"
import type {
  InboxRow,
  InboxSource,
  ManualMatchRecorded,
  PaidMutation,
  RecordedDecision,
  RefundRecord,
  ReservationRow,
  ReserveAmountInput,
  ReviewItemRow,
} from "./types"

/** The slice of MikroORM's entity manager used for the few statements DML cannot express. */
type SqlRunner = { execute<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> }

/** Postgres `integer`: amounts beyond it cannot be held. */
const MAX_AMOUNT = 2_147_483_647

const ACTIVE_HOLD = "active = true AND deleted_at IS NULL"

/** A matched-but-unfinished capture untouched this long is taken over by the recovery job. */
export const RESUME_LEASE_MS = 60_000

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

/**
 * One INSERT of inbox rows; conflicts on (bank_id, mutation_id) are skipped. Returns the new ids.
 * The rows travel as one JSON parameter: a 50-mutation delivery is one short statement to build and
 * send instead of 550 quoted values.
 */
async function insertInbox(db: SqlRunner, rows: InboxInput[], source: InboxSource): Promise<string[]> {
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

class MootaModuleService extends MedusaService({
  MootaReservation,
  MootaAmountHold,
  MootaInboxMutation,
  MootaReviewItem,
  MootaBankRefresh,
  MootaAuditLog,
  MootaNotificationLog,
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

  /** The one way to reach Moota's API; null when no apiToken is configured. */
  getClient(): MootaClient | null {
    return createMootaClient(this.options_)
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

    const reservationId = existing?.id ?? entityId("mres")
    const start = free.length ? startOffset(input.session_id, free.length) : 0
    for (let i = 0; i < free.length; i++) {
      const { code, amount } = free[(start + i) % free.length]
      const inserted = await db.execute<{ id: string }>(
        `INSERT INTO moota_amount_hold (id, reservation_id, bank_id, amount, active)
         VALUES ${banks.map(() => "(?, ?, ?, ?, true)").join(", ")}
         ON CONFLICT (bank_id, amount) WHERE ${ACTIVE_HOLD} DO NOTHING
         RETURNING id`,
        banks.flatMap((bank) => [entityId("mhold"), reservationId, bank, amount])
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
    // Paid and merchant-released amounts stay blocked for their quarantine too: a buyer who pays
    // (again) is flagged for review instead of paying a newer order that happens to get the amount.
    const paidDone = await db.execute<{ id: string }>(
      `SELECT DISTINCT r.id FROM moota_reservation r JOIN moota_amount_hold h ON h.reservation_id = r.id AND h.active = true
       WHERE r.status IN ('paid', 'released') AND r.quarantine_until <= ? AND r.deleted_at IS NULL`,
      [now]
    )
    await this.deactivateHolds_(db, [...expired.map((r) => r.id), ...paidDone.map((r) => r.id)])
    return { quarantined, expired }
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

  /**
   * Stores a delivery's mutations atomically, in one autocommitted INSERT (the webhook's hot path).
   * The unique (bank_id, mutation_id) index makes a mutation seen before (in this body, an earlier
   * delivery or a poll) a no-op. Returns only the rows this call inserted: the only ones its caller
   * may process.
   */
  @InjectManager()
  async ingestMutations(rows: InboxInput[], source: InboxSource, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    if (!rows.length) {
      return []
    }
    return await insertInbox(ctx.manager as unknown as SqlRunner, rows, source)
  }

  @InjectTransactionManager()
  async getInboxRow(id: string, @MedusaContext() ctx: Context = {}): Promise<InboxRow | null> {
    const [row] = await sql(ctx).execute<InboxRow>(`SELECT * FROM moota_inbox_mutation WHERE id = ? AND deleted_at IS NULL`, [id])
    return row ?? null
  }

  /** Reservations that ever held this amount on this account (recent first), for the matcher. */
  @InjectTransactionManager()
  async listMatchCandidates(
    bankId: string,
    amount: number,
    @MedusaContext() ctx: Context = {}
  ): Promise<(MatchCandidate & { session_id: string; order_id: string | null })[]> {
    return await sql(ctx).execute(
      `SELECT id, session_id, status, created_at, release_reason, order_id FROM moota_reservation
       WHERE transfer_amount = ? AND bank_ids @> ?::jsonb AND deleted_at IS NULL
         AND (status IN ('awaiting', 'quarantined') OR updated_at > now() - interval '60 days')
       ORDER BY created_at DESC LIMIT 20`,
      [amount, JSON.stringify([bankId])]
    )
  }

  /**
   * Applies the matcher's decision under a lock on the inbox row, so concurrent processors (webhook,
   * poll, recovery) cannot both act. A capture marks the reservation paid only if it is still awaiting;
   * if another transfer got there first, this one becomes an "already paid" review item instead.
   */
  @InjectTransactionManager()
  async recordDecision(
    inboxId: string,
    decision: MatchDecision,
    @MedusaContext() ctx: Context = {}
  ): Promise<RecordedDecision> {
    const db = sql(ctx)
    const [inbox] = await db.execute<InboxRow>(
      `SELECT * FROM moota_inbox_mutation WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [inboxId]
    )
    if (!inbox) {
      return { action: "none", reason: "missing" }
    }
    if (inbox.status === "matched" && inbox.reservation_id) {
      // A capture recorded but not finished (crash, failed capture) is resumed by one processor only,
      // and only once nobody has touched it for a lease period (someone may still be capturing it).
      if (new Date(inbox.updated_at).getTime() > Date.now() - RESUME_LEASE_MS) {
        return { action: "none", reason: "in_progress" }
      }
      const [r] = await db.execute<ReservationRow>(`SELECT * FROM moota_reservation WHERE id = ?`, [inbox.reservation_id])
      if (r?.status !== "paid" || r.paid_mutation_id !== inbox.mutation_id) {
        return { action: "none", reason: "inconsistent" }
      }
      await db.execute(`UPDATE moota_inbox_mutation SET attempts = attempts + 1, updated_at = now() WHERE id = ?`, [inboxId])
      return { action: "capture", reservation: r, inbox, resumed: true }
    }
    if (inbox.status !== "pending") {
      return { action: "none", reason: "already_processed" }
    }
    await db.execute(`UPDATE moota_inbox_mutation SET attempts = attempts + 1, updated_at = now() WHERE id = ?`, [inboxId])

    if (decision.kind === "capture") {
      const [paid] = await db.execute<ReservationRow>(
        `UPDATE moota_reservation SET status = 'paid', paid_at = ?, paid_bank_id = ?, paid_mutation_id = ?,
           received_amount = ?, updated_at = now()
         WHERE id = ? AND status = 'awaiting' AND deleted_at IS NULL RETURNING *`,
        [inbox.mutation_date ?? new Date(), inbox.bank_id, inbox.mutation_id, inbox.amount, decision.reservation_id]
      )
      if (paid) {
        await db.execute(
          `UPDATE moota_inbox_mutation SET status = 'matched', outcome = 'matched', reservation_id = ?, updated_at = now() WHERE id = ?`,
          [paid.id, inboxId]
        )
        return { action: "capture", reservation: paid, inbox, resumed: false }
      }
      const [current] = await db.execute<ReservationRow>(`SELECT * FROM moota_reservation WHERE id = ?`, [decision.reservation_id])
      decision = {
        kind: "review",
        reason: current?.status === "paid" ? "already_paid" : "unmatched",
        reservation_id: decision.reservation_id,
        candidate_ids: [decision.reservation_id],
        detail:
          current?.status === "paid"
            ? "A second transfer for an order already paid"
            : `The reservation is no longer awaiting payment (${current?.status ?? "missing"})`,
      }
    }

    if (decision.kind === "ignore") {
      await this.closeInbox_(db, inboxId, `ignored_${decision.outcome}`, null)
      return { action: "none", reason: decision.outcome }
    }

    const [reservation] = decision.reservation_id
      ? await db.execute<ReservationRow>(`SELECT * FROM moota_reservation WHERE id = ?`, [decision.reservation_id])
      : []
    const [item] = await db.execute<ReviewItemRow>(
      `INSERT INTO moota_review_item (id, inbox_mutation_id, reason, bank_id, mutation_id, amount, reservation_id,
         candidate_reservation_ids, order_id, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
       ON CONFLICT (inbox_mutation_id) WHERE deleted_at IS NULL DO NOTHING RETURNING *`,
      [
        entityId("mrev"),
        inboxId,
        decision.reason,
        inbox.bank_id,
        inbox.mutation_id,
        inbox.amount,
        decision.reservation_id,
        JSON.stringify(decision.candidate_ids),
        reservation?.order_id ?? null,
        decision.detail,
      ]
    )
    await this.closeInbox_(db, inboxId, `review_${decision.reason}`, decision.reservation_id)
    return { action: "review", item: item ?? null, reason: decision.reason }
  }

  /**
   * The merchant's decision that this transfer paid this reservation (review queue "match", or "mark as
   * paid"). Refused when the reservation is already paid or the transfer already confirmed a payment.
   * Resolves the transfer's review item and writes the audit row in the same transaction.
   */
  @InjectTransactionManager()
  async recordManualMatch(
    input: { inbox_id: string; reservation_id: string; actor_id: string; note: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<ManualMatchRecorded> {
    const db = sql(ctx)
    const [inbox] = await db.execute<InboxRow>(
      `SELECT * FROM moota_inbox_mutation WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [input.inbox_id]
    )
    if (!inbox) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Transfer ${input.inbox_id} not found`)
    }
    if (inbox.type !== "CR" || inbox.amount === null) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only a credit with a whole-rupiah amount can pay an order")
    }
    if (inbox.status === "matched" || inbox.outcome === "captured") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This transfer has already confirmed a payment")
    }
    const [reservation] = await db.execute<ReservationRow>(
      `SELECT * FROM moota_reservation WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [input.reservation_id]
    )
    if (!reservation) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Moota payment ${input.reservation_id} not found`)
    }
    if (reservation.status === "paid") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This order's Moota payment has already been received")
    }
    const [paid] = await db.execute<ReservationRow>(
      `UPDATE moota_reservation SET status = 'paid', paid_at = ?, paid_bank_id = ?, paid_mutation_id = ?,
         received_amount = ?, updated_at = now()
       WHERE id = ? RETURNING *`,
      [inbox.mutation_date ?? new Date(), inbox.bank_id, inbox.mutation_id, inbox.amount, reservation.id]
    )
    await db.execute(
      `UPDATE moota_inbox_mutation SET status = 'matched', outcome = 'matched_manual', reservation_id = ?, updated_at = now()
       WHERE id = ?`,
      [reservation.id, inbox.id]
    )
    await db.execute(
      `UPDATE moota_review_item SET status = 'resolved', resolution = 'matched', reservation_id = ?, order_id = COALESCE(?, order_id),
         resolved_by = ?, resolved_at = now(), updated_at = now()
       WHERE inbox_mutation_id = ? AND status = 'open'`,
      [reservation.id, reservation.order_id, input.actor_id, inbox.id]
    )
    await this.audit_(db, input.actor_id, "match", inbox.id, input.note, {
      reservation_id: reservation.id,
      mutation_id: inbox.mutation_id,
      amount: inbox.amount,
      previous_status: reservation.status,
    })
    return {
      reservation: paid,
      inbox,
      previous: { reservation_status: reservation.status, inbox_status: inbox.status, inbox_outcome: inbox.outcome },
    }
  }

  /** Puts a manual match back as it was when Medusa's capture failed; the review item reopens. */
  @InjectTransactionManager()
  async undoManualMatch(
    undo: { inbox_id: string; reservation_id: string; reservation_status: string; inbox_status: string; inbox_outcome: string | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    const db = sql(ctx)
    await db.execute(
      `UPDATE moota_reservation SET status = ?, paid_at = NULL, paid_bank_id = NULL, paid_mutation_id = NULL,
         received_amount = NULL, updated_at = now() WHERE id = ? AND status = 'paid'`,
      [undo.reservation_status, undo.reservation_id]
    )
    await db.execute(
      `UPDATE moota_inbox_mutation SET status = ?, outcome = ?, updated_at = now() WHERE id = ? AND status = 'matched'`,
      [undo.inbox_status, undo.inbox_outcome, undo.inbox_id]
    )
    await db.execute(
      `UPDATE moota_review_item SET status = 'open', resolution = NULL, resolved_by = NULL, resolved_at = NULL, updated_at = now()
       WHERE inbox_mutation_id = ? AND status = 'resolved' AND resolution = 'matched'`,
      [undo.inbox_id]
    )
  }

  /**
   * "Mark as paid" without a Moota mutation (the merchant saw the money in the bank): records a manual
   * transfer row for the reservation's exact amount, once per reservation.
   */
  @InjectTransactionManager()
  async createManualTransfer(
    reservationId: string,
    bankId: string | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<string> {
    const db = sql(ctx)
    const [r] = await db.execute<ReservationRow>(`SELECT * FROM moota_reservation WHERE id = ? AND deleted_at IS NULL`, [reservationId])
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
       VALUES (?, ?, ?, 'CR', ?, ?, 'Marked as paid by the merchant', now(), 'manual', 'processed', 'manual')
       ON CONFLICT (bank_id, mutation_id) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
      [entityId("minb"), bank, `manual-${r.id}`, r.transfer_amount, String(r.transfer_amount)]
    )
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This payment has already been marked as paid")
    }
    return row.id
  }

  /** The merchant decides a transfer needs no action (e.g. not a sale). A note is required. */
  @InjectTransactionManager()
  async dismissReviewItem(
    id: string,
    actorId: string,
    note: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReviewItemRow> {
    const db = sql(ctx)
    const [item] = await db.execute<ReviewItemRow>(
      `UPDATE moota_review_item SET status = 'dismissed', resolution = 'dismissed', resolved_by = ?, resolved_at = now(),
         updated_at = now()
       WHERE id = ? AND status = 'open' AND deleted_at IS NULL RETURNING *`,
      [actorId, id]
    )
    if (!item) {
      const [existing] = await db.execute(`SELECT id FROM moota_review_item WHERE id = ? AND deleted_at IS NULL`, [id])
      throw existing
        ? new MedusaError(MedusaError.Types.NOT_ALLOWED, "This review item has already been resolved")
        : new MedusaError(MedusaError.Types.NOT_FOUND, `Review item ${id} not found`)
    }
    await this.audit_(db, actorId, "dismiss", id, note, { inbox_mutation_id: item.inbox_mutation_id })
    return item
  }

  @InjectTransactionManager()
  async audit(
    actorId: string,
    action: string,
    subjectId: string,
    note: string | null,
    data: Record<string, unknown> | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await this.audit_(sql(ctx), actorId, action, subjectId, note, data)
  }

  private async audit_(
    db: SqlRunner,
    actorId: string,
    action: string,
    subjectId: string,
    note: string | null,
    data: Record<string, unknown> | null
  ): Promise<void> {
    await db.execute(
      `INSERT INTO moota_audit_log (id, actor_id, action, subject_id, note, data) VALUES (?, ?, ?, ?, ?, ?::jsonb)`,
      [entityId("maud"), actorId, action, subjectId, note, data ? JSON.stringify(data) : null]
    )
  }

  /** Undoes a recorded capture whose Medusa capture failed, so recovery can try again from the start. */
  @InjectTransactionManager()
  async undoRecordedCapture(inboxId: string, reservationId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    const db = sql(ctx)
    await db.execute(
      `UPDATE moota_reservation SET status = 'awaiting', paid_at = NULL, paid_bank_id = NULL, paid_mutation_id = NULL,
         received_amount = NULL, updated_at = now()
       WHERE id = ? AND status = 'paid'`,
      [reservationId]
    )
    await db.execute(
      `UPDATE moota_inbox_mutation SET status = 'pending', outcome = NULL, reservation_id = NULL, updated_at = now()
       WHERE id = ? AND status = 'matched'`,
      [inboxId]
    )
  }

  /** The capture went through: close the inbox row; the amount stays held through the quarantine. */
  @InjectTransactionManager()
  async completeCapture(
    inboxId: string,
    reservationId: string,
    orderId: string | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    const db = sql(ctx)
    await db.execute(
      `UPDATE moota_reservation SET order_id = COALESCE(?, order_id),
         quarantine_until = now() + (? * interval '1 minute'), updated_at = now() WHERE id = ?`,
      [orderId, this.options_.quarantineMinutes, reservationId]
    )
    await db.execute(
      `UPDATE moota_inbox_mutation SET status = 'processed', outcome = 'captured', processed_at = now(),
         write_back_status = ?, last_error = NULL, updated_at = now()
       WHERE id = ?`,
      [this.options_.writeBack ? "pending" : "none", inboxId]
    )
  }

  @InjectTransactionManager()
  async recordInboxError(inboxId: string, message: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await sql(ctx).execute(`UPDATE moota_inbox_mutation SET last_error = ?, updated_at = now() WHERE id = ?`, [
      message.slice(0, 1000),
      inboxId,
    ])
  }

  /** Inbox rows nobody finished: pending (crash between commit and processing) or matched but not captured. */
  @InjectTransactionManager()
  async listUnfinishedInbox(olderThan: Date, limit = 100, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const rows = await sql(ctx).execute<{ id: string }>(
      `SELECT id FROM moota_inbox_mutation WHERE status IN ('pending', 'matched') AND updated_at <= ? AND deleted_at IS NULL
       ORDER BY created_at LIMIT ?`,
      [olderThan, limit]
    )
    return rows.map((r) => r.id)
  }

  /**
   * An order canceled before it was paid: the reservation stops awaiting, but its amount stays held
   * through the quarantine so a late transfer maps to this order and is flagged, never to a newer one.
   */
  @InjectTransactionManager()
  async cancelReservation(
    sessionId: string,
    orderId: string | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    const [row] = await sql(ctx).execute<ReservationRow>(
      `UPDATE moota_reservation SET status = 'quarantined', release_reason = 'order_canceled', released_at = now(),
         order_id = COALESCE(order_id, ?),
         quarantine_until = GREATEST(COALESCE(quarantine_until, now()), now() + (? * interval '1 minute')),
         updated_at = now()
       WHERE session_id = ? AND status IN ('awaiting', 'quarantined') AND deleted_at IS NULL RETURNING *`,
      [orderId, this.options_.quarantineMinutes, sessionId]
    )
    return row ?? null
  }

  /** Atomically claims the right to refresh an account now; false while the interval has not passed. */
  @InjectTransactionManager()
  async claimBankRefresh(bankId: string, intervalSeconds: number, @MedusaContext() ctx: Context = {}): Promise<boolean> {
    const rows = await sql(ctx).execute(
      `INSERT INTO moota_bank_refresh (id, bank_id, last_refresh_at) VALUES (?, ?, now())
       ON CONFLICT (bank_id) WHERE deleted_at IS NULL DO UPDATE SET last_refresh_at = now(), updated_at = now()
       WHERE moota_bank_refresh.last_refresh_at <= now() - (? * interval '1 second')
       RETURNING id`,
      [entityId("mbref"), bankId, intervalSeconds]
    )
    return rows.length === 1
  }

  /** Newest mutation date seen per account: where the reconciliation poll resumes. */
  @InjectTransactionManager()
  async lastMutationDates(@MedusaContext() ctx: Context = {}): Promise<Map<string, Date>> {
    const rows = await sql(ctx).execute<{ bank_id: string; last: Date }>(
      `SELECT bank_id, max(mutation_date) AS last FROM moota_inbox_mutation WHERE deleted_at IS NULL GROUP BY bank_id`
    )
    return new Map(rows.filter((r) => r.last).map((r) => [r.bank_id, new Date(r.last)]))
  }

  /** Open review items per reason: the review queue's menu badge and filter counts. */
  @InjectTransactionManager()
  async countOpenReviewItems(@MedusaContext() ctx: Context = {}): Promise<Record<string, number>> {
    const rows = await sql(ctx).execute<{ reason: string; count: string }>(
      `SELECT reason, count(*) AS count FROM moota_review_item WHERE status = 'open' AND deleted_at IS NULL GROUP BY reason`
    )
    return Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]))
  }

  /**
   * The merchant stops awaiting a payment (the buyer pays another way): the reservation is released
   * and audited in the same transaction; its amount stays held through the quarantine. Null when it
   * is no longer awaiting or quarantined.
   */
  @InjectTransactionManager()
  async releaseByMerchant(
    reservationId: string,
    actorId: string,
    note: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    const db = sql(ctx)
    const [before] = await db.execute<ReservationRow>(
      `SELECT * FROM moota_reservation WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [reservationId]
    )
    if (!before || (before.status !== "awaiting" && before.status !== "quarantined")) {
      return null
    }
    // The buyer was shown this amount: it stays held through the quarantine, so a transfer that still
    // comes goes to review instead of paying a newer order that would otherwise get the same amount.
    const [row] = await db.execute<ReservationRow>(
      `UPDATE moota_reservation SET status = 'released', released_at = now(), release_reason = 'released_by_merchant',
         quarantine_until = now() + (? * interval '1 minute'), updated_at = now() WHERE id = ? RETURNING *`,
      [this.options_.quarantineMinutes, reservationId]
    )
    await this.audit_(db, actorId, "release", row.id, note, {
      previous_status: before.status,
      transfer_amount: before.transfer_amount,
      order_id: before.order_id,
    })
    return row
  }

  /**
   * Reservations a transfer the matcher would not confirm may belong to, for the merchant's review:
   * offered on the same account, transfer amount within `spread` of the amount (a forgotten or mistyped
   * unique code) and created inside the window. Exact amounts and payments still open come first.
   */
  @InjectTransactionManager()
  async listReviewCandidates(
    input: { bank_id: string; amount: number; spread: number; from: Date; to: Date; include_ids: string[]; limit: number },
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow[]> {
    return await sql(ctx).execute<ReservationRow>(
      `SELECT * FROM moota_reservation
       WHERE deleted_at IS NULL AND (
         (bank_ids @> ?::jsonb AND transfer_amount BETWEEN ? AND ? AND created_at BETWEEN ? AND ?)
         OR id IN (?)
       )
       ORDER BY (transfer_amount = ?) DESC, (status IN ('awaiting', 'quarantined')) DESC,
         abs(transfer_amount - ?), created_at DESC
       LIMIT ?`,
      [
        JSON.stringify([input.bank_id]),
        input.amount - input.spread,
        input.amount + input.spread,
        input.from,
        input.to,
        input.include_ids.length ? input.include_ids : [""],
        input.amount,
        input.amount,
        input.limit,
      ]
    )
  }

  @InjectTransactionManager()
  async listWriteBackDue(limit = 50, @MedusaContext() ctx: Context = {}): Promise<(InboxRow & { order_id: string | null })[]> {
    return await sql(ctx).execute(
      `SELECT i.*, r.order_id FROM moota_inbox_mutation i LEFT JOIN moota_reservation r ON r.id = i.reservation_id
       WHERE i.write_back_status = 'pending' AND i.deleted_at IS NULL ORDER BY i.updated_at LIMIT ?`,
      [limit]
    )
  }

  @InjectTransactionManager()
  async recordWriteBack(
    inboxId: string,
    result: { ok: true } | { ok: false; error: string; giveUp: boolean },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await sql(ctx).execute(
      `UPDATE moota_inbox_mutation SET write_back_status = ?, write_back_error = ?,
         write_back_attempts = write_back_attempts + 1, updated_at = now() WHERE id = ?`,
      [result.ok ? "done" : result.giveUp ? "failed" : "pending", result.ok ? null : result.error.slice(0, 500), inboxId]
    )
  }

  /**
   * Claims the right to send one message. The unique `key` lets exactly one caller insert it, however
   * many times and in however many processes its event arrives; null when it was claimed before.
   */
  @InjectTransactionManager()
  async claimNotification(claim: NotificationClaim, @MedusaContext() ctx: Context = {}): Promise<NotificationLogRow | null> {
    const [row] = await sql(ctx).execute<NotificationLogRow>(
      `INSERT INTO moota_notification_log (id, key, event, channel, template, "to", status, attempts, data)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 1, ?::jsonb)
       ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING RETURNING *`,
      [
        entityId("mnot"),
        claim.key,
        claim.event,
        claim.channel,
        claim.template,
        claim.to,
        claim.data ? JSON.stringify(claim.data) : null,
      ]
    )
    return row ?? null
  }

  @InjectTransactionManager()
  async recordNotificationResult(
    id: string,
    result: { ok: true } | { ok: false; error: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await sql(ctx).execute(
      `UPDATE moota_notification_log SET status = ?, last_error = ?, sent_at = CASE WHEN ? THEN now() ELSE sent_at END,
         updated_at = now() WHERE id = ?`,
      [result.ok ? "sent" : "failed", result.ok ? null : result.error.slice(0, 1000), result.ok, id]
    )
  }

  /**
   * Takes messages for one more attempt: failed ones after a pause that doubles per attempt (1 min up
   * to 1 h, counted to `now`), and pending ones a crash left behind (untouched for `stale_minutes` of
   * the database's clock, so a send still in flight is never taken), below the attempt cap. SKIP
   * LOCKED plus the status change hand each row to one worker only.
   */
  @InjectTransactionManager()
  async claimNotificationRetries(
    input: { now: Date; max_attempts: number; stale_minutes: number; limit: number },
    @MedusaContext() ctx: Context = {}
  ): Promise<NotificationLogRow[]> {
    return await sql(ctx).execute<NotificationLogRow>(
      `UPDATE moota_notification_log SET status = 'pending', attempts = attempts + 1, updated_at = now()
       WHERE id IN (
         SELECT id FROM moota_notification_log
         WHERE deleted_at IS NULL AND attempts < ? AND (
           (status = 'failed' AND updated_at <= ?::timestamptz - LEAST(power(2, GREATEST(attempts - 1, 0)), 60) * interval '1 minute')
           OR (status = 'pending' AND updated_at <= now() - ? * interval '1 minute')
         )
         ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED
       )
       RETURNING *`,
      [input.max_attempts, input.now, input.stale_minutes, input.limit]
    )
  }

  /**
   * Awaiting reservations of placed orders whose deadline falls within `minutes_before` of `now` and
   * that have no reminder logged yet (key `<key_prefix><reservation id><key_suffix>`). One placed
   * inside that window already got the full instructions, so it is left out.
   */
  @InjectTransactionManager()
  async listReminderDue(
    input: { now: Date; minutes_before: number; key_prefix: string; key_suffix: string; limit: number },
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow[]> {
    return await sql(ctx).execute<ReservationRow>(
      `SELECT r.* FROM moota_reservation r
       WHERE r.deleted_at IS NULL AND r.status = 'awaiting' AND r.order_id IS NOT NULL
         AND r.expires_at > ? AND r.expires_at <= ?::timestamptz + ? * interval '1 minute'
         AND r.created_at <= r.expires_at - ? * interval '1 minute'
         AND NOT EXISTS (
           SELECT 1 FROM moota_notification_log n WHERE n.key = ? || r.id || ? AND n.deleted_at IS NULL
         )
       ORDER BY r.expires_at LIMIT ?`,
      [input.now, input.now, input.minutes_before, input.minutes_before, input.key_prefix, input.key_suffix, input.limit]
    )
  }

  private async closeInbox_(db: SqlRunner, inboxId: string, outcome: string, reservationId: string | null): Promise<void> {
    await db.execute(
      `UPDATE moota_inbox_mutation SET status = 'processed', outcome = ?, reservation_id = COALESCE(?, reservation_id),
         processed_at = now(), updated_at = now() WHERE id = ?`,
      [outcome, reservationId, inboxId]
    )
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
