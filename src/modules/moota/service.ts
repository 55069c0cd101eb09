import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { MatchCandidate, MatchDecision } from "../../lib/matching"
import { createMootaClient, type InboxInput, type MootaClient } from "../../lib/moota"
import type { NotificationClaim, NotificationLogRow } from "../../lib/notifications"
import type { InboxOutcome } from "../../lib/statuses"
import type { TransactionRef } from "../../lib/transaction-match"
import type { TriageReservation } from "../../lib/triage"
import { isMootaTransactionKind, parseMootaOptions, type MootaOptions } from "../../lib/options"
import {
  MootaAmountHold,
  MootaAuditLog,
  MootaBankRefresh,
  MootaInboxMutation,
  MootaNotificationLog,
  MootaPaymentClaim,
  MootaRefund,
  MootaReservation,
  MootaReviewItem,
  MootaTransaction,
} from "./models"
import type { BuyerReviewItem } from "../../lib/buyer-review"
import * as allocator from "./stores/allocator"
import * as claims from "./stores/claims"
import { claimBankRefresh } from "./stores/bank-refresh"
import * as decisions from "./stores/decisions"
import * as inbox from "./stores/inbox"
import * as outbox from "./stores/outbox"
import * as refunds from "./stores/refunds"
import * as reservations from "./stores/reservations"
import * as triage from "./stores/triage"
import * as review from "./stores/review"
import * as transactions from "./stores/transactions"
import { autocommitSql, sql } from "./stores/sql"
import * as writeBack from "./stores/write-back"
import type {
  InboxRow,
  InboxSource,
  ManualMatchRecorded,
  RecordedDecision,
  RefundRecord,
  RefundToSendRow,
  ReservationRow,
  ReserveAmountInput,
  ReviewItemRow,
} from "./types"

export { RESUME_LEASE_MS } from "./stores/decisions"
export type { ClaimRow, NewClaim } from "./stores/claims"

/**
 * The one owner of the plugin's data. A thin front: each method opens the transaction (or not) and
 * hands the SQL runner to a store under ./stores, where the statements and their reasons live.
 */
class MootaModuleService extends MedusaService({
  MootaReservation,
  MootaAmountHold,
  MootaInboxMutation,
  MootaReviewItem,
  MootaBankRefresh,
  MootaAuditLog,
  MootaNotificationLog,
  MootaPaymentClaim,
  MootaTransaction,
  MootaRefund,
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

  /** A transfer amount no other awaiting session on the same accounts has (see stores/allocator). */
  @InjectTransactionManager()
  async reserveAmount(input: ReserveAmountInput, @MedusaContext() ctx: Context = {}): Promise<ReservationRow> {
    return await allocator.reserveAmount(sql(ctx), input)
  }

  /**
   * The session's Moota transaction (VA number or QR of its own): kept when it still fits, else
   * created through `create` and stored with the session's reservation (see stores/transactions).
   */
  @InjectTransactionManager()
  async openMootaTransaction(
    input: transactions.OpenTransactionInput,
    create: transactions.CreateMootaTransaction,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow> {
    return await transactions.openTransaction(sql(ctx), input, create)
  }

  @InjectTransactionManager()
  async retireMootaTransaction(sessionId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await transactions.retireTransaction(sql(ctx), sessionId)
  }

  /** The transaction a mutation's `payment_detail` names, with its reservation; null when not ours. */
  @InjectTransactionManager()
  async findMootaTransaction(
    ref: TransactionRef,
    @MedusaContext() ctx: Context = {}
  ): Promise<transactions.TransactionMatch | null> {
    return await transactions.findTransaction(sql(ctx), ref)
  }

  @InjectTransactionManager()
  async getReservationBySession(sessionId: string, @MedusaContext() ctx: Context = {}): Promise<ReservationRow | null> {
    return await reservations.getBySession(sql(ctx), sessionId)
  }

  @InjectTransactionManager()
  async releaseReservation(
    sessionId: string,
    reason: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    return await reservations.release(sql(ctx), sessionId, reason)
  }

  @InjectTransactionManager()
  async expireDue(
    now: Date = new Date(),
    @MedusaContext() ctx: Context = {}
  ): Promise<{ quarantined: ReservationRow[]; expired: ReservationRow[] }> {
    return await reservations.expireDue(sql(ctx), now)
  }

  @InjectTransactionManager()
  async setReservationOrder(sessionId: string, orderId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await reservations.setOrder(sql(ctx), sessionId, orderId)
  }

  @InjectTransactionManager()
  async recordRefund(
    sessionId: string,
    refund: RefundRecord,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    return await reservations.recordRefund(sql(ctx), sessionId, refund)
  }

  /**
   * Stores a delivery's mutations atomically, in one autocommitted INSERT (the webhook's hot path).
   * A mutation seen before is a no-op. Returns only the rows this call inserted: the only ones its
   * caller may process.
   */
  @InjectManager()
  async ingestMutations(rows: InboxInput[], source: InboxSource, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    return rows.length ? await inbox.insertInbox(autocommitSql(ctx), rows, source) : []
  }

  @InjectTransactionManager()
  async getInboxRow(id: string, @MedusaContext() ctx: Context = {}): Promise<InboxRow | null> {
    return await inbox.getInboxRow(sql(ctx), id)
  }

  @InjectTransactionManager()
  async listMatchCandidates(
    bankId: string,
    amount: number,
    @MedusaContext() ctx: Context = {}
  ): Promise<(MatchCandidate & { session_id: string; order_id: string | null })[]> {
    return await reservations.listMatchCandidates(sql(ctx), bankId, amount)
  }

  /** The keys of the credits that have at least one match candidate (a batch of listMatchCandidates). */
  @InjectTransactionManager()
  async withMatchCandidates(
    credits: { key: string; bank_id: string; amount: number }[],
    @MedusaContext() ctx: Context = {}
  ): Promise<Set<string>> {
    return await reservations.withMatchCandidates(sql(ctx), credits)
  }

  /** Claims, among these rows, those that may pay an order now (see stores/inbox). */
  @InjectTransactionManager()
  async claimInboxCandidates(ids: string[], leaseMs: number, @MedusaContext() ctx: Context = {}): Promise<InboxRow[]> {
    const accounts = this.options_.accounts
    return await inbox.claimCandidates(
      sql(ctx),
      ids,
      { bankIds: accounts.map((a) => a.bankId), transactionBankIds: accounts.filter((a) => isMootaTransactionKind(a.kind)).map((a) => a.bankId) },
      leaseMs
    )
  }

  /** Claims the oldest pending rows nobody holds. */
  @InjectTransactionManager()
  async claimPendingInbox(limit: number, leaseMs: number, @MedusaContext() ctx: Context = {}): Promise<InboxRow[]> {
    return await inbox.claimPending(sql(ctx), limit, leaseMs)
  }

  /** Closes many pending rows with their decided outcomes in one statement; returns the ids closed. */
  @InjectTransactionManager()
  async closeInboxRows(decided: { id: string; outcome: InboxOutcome }[], @MedusaContext() ctx: Context = {}): Promise<string[]> {
    return await inbox.closeMany(sql(ctx), decided)
  }

  /** Applies the matcher's decision under a lock on the inbox row (see stores/decisions). */
  @InjectTransactionManager()
  async recordDecision(inboxId: string, decision: MatchDecision, @MedusaContext() ctx: Context = {}): Promise<RecordedDecision> {
    return await decisions.recordDecision(sql(ctx), inboxId, decision)
  }

  /** The merchant's decision that this transfer paid this reservation; audited. */
  @InjectTransactionManager()
  async recordManualMatch(input: decisions.ManualMatchInput, @MedusaContext() ctx: Context = {}): Promise<ManualMatchRecorded> {
    return await decisions.recordManualMatch(sql(ctx), input)
  }

  @InjectTransactionManager()
  async undoManualMatch(undo: decisions.ManualMatchUndo, @MedusaContext() ctx: Context = {}): Promise<void> {
    await decisions.undoManualMatch(sql(ctx), undo)
  }

  @InjectTransactionManager()
  async createManualTransfer(reservationId: string, bankId: string | null, @MedusaContext() ctx: Context = {}): Promise<string> {
    return await inbox.createManualTransfer(sql(ctx), reservationId, bankId)
  }

  @InjectTransactionManager()
  async dismissReviewItem(id: string, actorId: string, note: string, @MedusaContext() ctx: Context = {}): Promise<ReviewItemRow> {
    return await review.dismissReviewItem(sql(ctx), id, actorId, note)
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
    await review.audit(sql(ctx), actorId, action, subjectId, note, data)
  }

  @InjectTransactionManager()
  async undoRecordedCapture(inboxId: string, reservationId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await decisions.undoRecordedCapture(sql(ctx), inboxId, reservationId)
  }

  @InjectTransactionManager()
  async completeCapture(
    inboxId: string,
    reservationId: string,
    orderId: string | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    const { quarantineMinutes, writeBack } = this.options_
    await decisions.completeCapture(sql(ctx), inboxId, reservationId, orderId, { quarantineMinutes, writeBack })
  }

  @InjectTransactionManager()
  async recordInboxError(inboxId: string, message: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await inbox.recordInboxError(sql(ctx), inboxId, message)
  }

  @InjectTransactionManager()
  async listUnfinishedInbox(olderThan: Date, limit = 100, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    return await inbox.listUnfinished(sql(ctx), olderThan, limit)
  }

  @InjectTransactionManager()
  async cancelReservation(
    sessionId: string,
    orderId: string | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    return await reservations.cancel(sql(ctx), sessionId, orderId, this.options_.quarantineMinutes)
  }

  @InjectTransactionManager()
  async claimBankRefresh(bankId: string, intervalSeconds: number, @MedusaContext() ctx: Context = {}): Promise<boolean> {
    return await claimBankRefresh(sql(ctx), bankId, intervalSeconds)
  }

  @InjectTransactionManager()
  async lastMutationDates(@MedusaContext() ctx: Context = {}): Promise<Map<string, Date>> {
    return await inbox.lastMutationDates(sql(ctx))
  }

  @InjectTransactionManager()
  async countOpenReviewItems(@MedusaContext() ctx: Context = {}): Promise<Record<string, number>> {
    return await review.countOpenReviewItems(sql(ctx))
  }

  @InjectTransactionManager()
  async releaseByMerchant(
    reservationId: string,
    actorId: string,
    note: string,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow | null> {
    return await reservations.releaseByMerchant(sql(ctx), reservationId, actorId, note, this.options_.quarantineMinutes)
  }

  @InjectTransactionManager()
  async listReviewCandidates(
    input: reservations.ReviewCandidatesQuery,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReservationRow[]> {
    return await reservations.listReviewCandidates(sql(ctx), input)
  }

  @InjectTransactionManager()
  async listWriteBackDue(limit = 50, @MedusaContext() ctx: Context = {}): Promise<(InboxRow & { order_id: string | null })[]> {
    return await writeBack.listDue(sql(ctx), limit)
  }

  @InjectTransactionManager()
  async recordWriteBack(inboxId: string, result: writeBack.WriteBackResult, @MedusaContext() ctx: Context = {}): Promise<void> {
    await writeBack.record(sql(ctx), inboxId, result)
  }

  @InjectTransactionManager()
  async claimNotification(claim: NotificationClaim, @MedusaContext() ctx: Context = {}): Promise<NotificationLogRow | null> {
    return await outbox.claim(sql(ctx), claim)
  }

  @InjectTransactionManager()
  async recordNotificationResult(
    id: string,
    result: { ok: true } | { ok: false; error: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await outbox.recordResult(sql(ctx), id, result)
  }

  @InjectTransactionManager()
  async claimNotificationRetries(input: outbox.RetryQuery, @MedusaContext() ctx: Context = {}): Promise<NotificationLogRow[]> {
    return await outbox.claimRetries(sql(ctx), input)
  }

  @InjectTransactionManager()
  async listReminderDue(input: outbox.ReminderQuery, @MedusaContext() ctx: Context = {}): Promise<ReservationRow[]> {
    return await outbox.listReminderDue(sql(ctx), input)
  }

  /** The plugin first sees its accounts at boot; mutations dated before are history (see lib/triage.ts). */
  __hooks = {
    onApplicationStart: async () => {
      await this.recordAccountsSeen(this.options_.accounts.map((a) => a.bankId))
    },
  }

  /** When the plugin first saw each account, recorded on the first call for an account (see stores/triage). */
  @InjectTransactionManager()
  async recordAccountsSeen(bankIds: string[], @MedusaContext() ctx: Context = {}): Promise<Map<string, Date>> {
    return await triage.recordAccountsSeen(sql(ctx), bankIds)
  }

  /** For each credit no reservation holds exactly, a reservation near it, if any (the triage's lookup). */
  @InjectTransactionManager()
  async findNearReservations(
    credits: triage.TriageCredit[],
    rules: triage.TriageRules,
    @MedusaContext() ctx: Context = {}
  ): Promise<Map<string, TriageReservation[]>> {
    return await triage.findNearReservations(sql(ctx), credits, rules)
  }

  /** The merchant sends a credit logged as unrelated (or history) to the review queue, audited. */
  @InjectTransactionManager()
  async reviewOtherCredit(
    input: { inbox_id: string; actor_id: string; note: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<{ item: ReviewItemRow; previous_outcome: string }> {
    return await triage.reviewOtherCredit(sql(ctx), input)
  }

  @InjectTransactionManager()
  async undoReviewOtherCredit(
    undo: { inbox_id: string; review_item_id: string; previous_outcome: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await triage.undoReviewOtherCredit(sql(ctx), undo)
  }

  /** Review items the buyer of a reservation may be waiting on (lib/buyer-review.ts decides). */
  @InjectTransactionManager()
  async listBuyerReviewItems(
    q: { reservation_id: string; order_id?: string | null; bank_ids: string[]; min: number; max: number; amounts: number[]; since: Date },
    @MedusaContext() ctx: Context = {}
  ): Promise<BuyerReviewItem[]> {
    return await review.listBuyerReviewItems(sql(ctx), q)
  }

  /** A buyer's payment confirmation; never confirms a payment (see models/payment-claim.ts). */
  @InjectTransactionManager()
  async createPaymentClaim(input: claims.NewClaim, @MedusaContext() ctx: Context = {}): Promise<claims.ClaimRow> {
    return await claims.createClaim(sql(ctx), input)
  }

  @InjectTransactionManager()
  async deletePaymentClaim(id: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await claims.deleteClaim(sql(ctx), id)
  }

  @InjectTransactionManager()
  async countPaymentClaimsSince(reservationId: string, since: Date, @MedusaContext() ctx: Context = {}): Promise<number> {
    return await claims.countClaimsSince(sql(ctx), reservationId, since)
  }

  @InjectTransactionManager()
  async listPaymentClaims(
    q: { ids?: string[]; reservation_ids?: string[]; order_ids?: string[] },
    @MedusaContext() ctx: Context = {}
  ): Promise<claims.ClaimRow[]> {
    return await claims.listClaims(sql(ctx), q)
  }

  /** Claims that name this credit: same amount, an account the buyer was shown, around the reported time. */
  @InjectTransactionManager()
  async listClaimsFittingCredit(
    credit: { bank_id: string; amount: number; mutation_date: Date | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<claims.ClaimRow[]> {
    return await claims.listClaimsFittingCredit(sql(ctx), credit)
  }

  /** Buyers' claims that can still name a credit (the triage's `claimed`, fitted by lib/claims.ts). */
  @InjectTransactionManager()
  async listOpenPaymentClaims(@MedusaContext() ctx: Context = {}): Promise<claims.ClaimRow[]> {
    return await claims.listOpenClaims(sql(ctx))
  }

  @InjectTransactionManager()
  async getPaymentClaimProof(id: string, @MedusaContext() ctx: Context = {}): Promise<{ mime: string; data_base64: string } | null> {
    return await claims.getClaimProof(sql(ctx), id)
  }

  @InjectTransactionManager()
  async listUnrelatedCreditsFittingClaim(claim: claims.ClaimRow, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    return await claims.listUnrelatedCreditsFittingClaim(sql(ctx), claim)
  }

  /** Claims no received credit fits after a reconciliation, each returned once (for one merchant alert). */
  @InjectTransactionManager()
  async takeUnfittedClaims(before: Date, @MedusaContext() ctx: Context = {}): Promise<claims.ClaimRow[]> {
    return await claims.takeUnfittedClaims(sql(ctx), before)
  }

  // Refunds to send (stores/refunds.ts): recorded per Medusa refund, marked sent by the shop's debit or the merchant.

  @InjectTransactionManager()
  async recordRefundToSend(
    input: { refund_id: string; session_id: string; amount: number },
    @MedusaContext() ctx: Context = {}
  ): Promise<RefundToSendRow> {
    return await refunds.recordRefundToSend(sql(ctx), input)
  }

  /** Refunds the given debits (closed inbox rows) sent, on the shop's configured accounts. */
  @InjectTransactionManager()
  async markRefundsSentByDebits(inboxIds: string[], @MedusaContext() ctx: Context = {}): Promise<RefundToSendRow[]> {
    return await refunds.markSentByDebits(sql(ctx), inboxIds, this.options_.accounts.map((a) => a.bankId))
  }

  /** Debits of the last `days` days that sent no refund yet: the sweep behind the inbox's own check. */
  @InjectTransactionManager()
  async listUnlinkedDebits(days: number, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    return await refunds.listUnlinkedDebits(sql(ctx), days)
  }

  @InjectTransactionManager()
  async markRefundSent(input: { id: string; actor_id: string; note: string }, @MedusaContext() ctx: Context = {}): Promise<RefundToSendRow> {
    return await refunds.markSentByMerchant(sql(ctx), input)
  }

  @InjectTransactionManager()
  async undoMarkRefundSent(id: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await refunds.undoMarkSent(sql(ctx), id)
  }

  @InjectTransactionManager()
  async listRefundsToSend(q: { status: "to_send" | "sent"; limit: number }, @MedusaContext() ctx: Context = {}): Promise<RefundToSendRow[]> {
    return await refunds.listRefundsToSend(sql(ctx), q)
  }

  @InjectTransactionManager()
  async takeOverdueRefunds(before: Date, @MedusaContext() ctx: Context = {}): Promise<RefundToSendRow[]> {
    return await refunds.takeOverdueRefunds(sql(ctx), before)
  }

  @InjectTransactionManager()
  async takeSentUnannouncedRefunds(@MedusaContext() ctx: Context = {}): Promise<RefundToSendRow[]> {
    return await refunds.takeSentUnannounced(sql(ctx))
  }
}

export default MootaModuleService
