import type { Context as Ctx, IEventBusModuleService, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, InjectManager, InjectTransactionManager, MedusaContext, MedusaService, Modules } from "@medusajs/framework/utils"
import { WebhookListener, type KnexLike } from "../../inbox/webhook/listener"
import { servesHttp } from "../../inbox/webhook/serving"
import { MOOTA_MUTATIONS_RECEIVED } from "../../lib/events"
import { INBOX_LEASE_MS } from "../../lib/durations"
import { createMootaClient, type MootaClient } from "../../lib/moota"
import { prepareShutdown, started } from "../../lib/shutdown"
import { isMootaTransactionKind, parseMootaOptions, type MootaOptions } from "../../lib/options"
import * as models from "./models"
import * as allocator from "./stores/allocator"
import * as claims from "./stores/claims"
import { leaseBankRefresh } from "./stores/bank-refresh"
import { recordRequest } from "./stores/request-limit"
import * as decisions from "./stores/decisions"
import * as inbox from "./stores/inbox"
import { LeaseOwner, type RawConnectionSource } from "./stores/lease"
import * as outbox from "./stores/outbox"
import * as refunds from "./stores/refunds"
import * as reservations from "./stores/reservations"
import * as triage from "./stores/triage"
import * as review from "./stores/review"
import * as transactions from "./stores/transactions"
import { autocommitSql, readSql, sql } from "./stores/sql"
import * as writeBack from "./stores/write-back"
import type * as T from "./types"

// Only ever read and written by SQL (stores/triage, stores/request-limit): no generated methods.
const { MootaAccountSeen: _seen, MootaRequestWindow: _window, ...generated } = models

/**
 * The one owner of the plugin's data. A thin front: each method opens the transaction (writes,
 * `@InjectTransactionManager`) or not (reads, `@InjectManager`) and hands the SQL runner to a store
 * under ./stores, where the statements and their reasons live. Every method here has a caller outside
 * the module; its input and output types are in ./types. Workflow steps and their compensations write
 * through these methods only, never through the generated `updateMoota*` / `deleteMoota*`.
 */
class MootaModuleService extends MedusaService(generated) {
  protected readonly options_: MootaOptions
  /** This process's lease on the inbox rows it works on (stores/lease.ts). */
  protected readonly leaseOwner_: LeaseOwner
  /** The module's container (Medusa's logger, event bus, config and database connection). */
  protected readonly container_: Record<string, unknown>

  constructor(container: Record<string, unknown>, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.container_ = container
    this.options_ = parseMootaOptions(options)
    // The module's own database, through the knex its entity manager runs on.
    this.leaseOwner_ = new LeaseOwner(() => (container.manager as { getKnex(): RawConnectionSource }).getKnex())
  }

  getOptions(): MootaOptions {
    return this.options_
  }
  /** The one way to reach Moota's API; null when no apiToken is configured. */
  getClient(): MootaClient | null {
    return createMootaClient(this.options_)
  }
  /** The plugin first sees its accounts at boot; mutations dated before are history (see lib/triage.ts). */
  __hooks = {
    onApplicationStart: async () => {
      started()
      // Medusa swallows what a start hook throws: say it.
      await this.startWebhookListener_().catch((e: unknown) =>
        (this.container_[ContainerRegistrationKeys.LOGGER] as Logger).error(`moota: the webhook listener did not start (${String(e)})`)
      )
      await this.recordAccountsSeen(this.options_.accounts.map((a) => a.bankId))
    },
    /**
     * Stops the webhook listener taking deliveries, and lets the confirmations running end, before
     * Medusa closes the database (src/lib/shutdown.ts).
     */
    onApplicationPrepareShutdown: async () => {
      await Promise.all([this.webhookListener_?.close(), prepareShutdown()])
      this.webhookListener_ = null
    },
    onApplicationShutdown: async () => {
      await this.webhookListener_?.close()
      this.webhookListener_ = null
    },
  }

  /** The plugin's own webhook listener (option `webhookListener`), when it runs in this process. */
  protected webhookListener_: WebhookListener | null = null

  /** The port the plugin's own webhook listener answers on, or null when it does not run here. */
  webhookListenerPort(): number | null {
    return this.webhookListener_?.port ?? null
  }

  private async startWebhookListener_(): Promise<void> {
    const at = this.options_.webhookListener
    // Only where Medusa serves HTTP (not a worker, not `medusa exec`); a second start keeps the one running.
    if (!at || !servesHttp() || this.webhookListener_) return
    const eventBus = this.container_[Modules.EVENT_BUS] as IEventBusModuleService
    const listener = new WebhookListener({
      host: at.host,
      port: at.port,
      options: this.options_,
      knex: this.container_[ContainerRegistrationKeys.PG_CONNECTION] as KnexLike,
      received: async (ids) => {
        await eventBus.emit({ name: MOOTA_MUTATIONS_RECEIVED, data: { ids } })
      },
      logger: this.container_[ContainerRegistrationKeys.LOGGER] as Logger,
    })
    await listener.start()
    this.webhookListener_ = listener
  }

  // Reservations (a "Moota payment" on screens): the allocator, the session's Moota transaction, expiry.
  /** A transfer amount no other awaiting session on the same accounts has (see stores/allocator). */
  @InjectTransactionManager()
  async reserveAmount(input: T.ReserveAmountInput, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow> {
    return await allocator.reserveAmount(sql(ctx), input)
  }
  /** The session's VA number or QR: kept when it still fits, else created through `create`. */
  @InjectTransactionManager()
  async openMootaTransaction(input: T.OpenTransactionInput, create: T.CreateMootaTransaction, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow> {
    return await transactions.openTransaction(sql(ctx), input, create)
  }
  @InjectTransactionManager()
  async retireMootaTransaction(sessionId: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await transactions.retireTransaction(sql(ctx), sessionId)
  }
  /** The transaction a mutation's `payment_detail` names, with its reservation; null when not ours. */
  @InjectManager()
  async findMootaTransaction(ref: T.TransactionRef, @MedusaContext() ctx: Ctx = {}): Promise<T.TransactionMatch | null> {
    return await transactions.findTransaction(readSql(ctx), ref)
  }
  @InjectManager()
  async getReservation(id: string, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow | null> {
    return await reservations.getById(readSql(ctx), id)
  }
  @InjectManager()
  async getReservationBySession(sessionId: string, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow | null> {
    return await reservations.getBySession(readSql(ctx), sessionId)
  }
  @InjectTransactionManager()
  async releaseReservation(sessionId: string, reason: string, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow | null> {
    return await reservations.release(sql(ctx), sessionId, reason)
  }
  @InjectTransactionManager()
  async expireDue(now: Date = new Date(), @MedusaContext() ctx: Ctx = {}): Promise<T.ExpiredReservations> {
    return await reservations.expireDue(sql(ctx), now)
  }
  @InjectTransactionManager()
  async setReservationOrder(sessionId: string, orderId: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await reservations.setOrder(sql(ctx), sessionId, orderId)
  }
  @InjectTransactionManager()
  async recordRefund(sessionId: string, refund: T.RefundRecord, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow | null> {
    return await reservations.recordRefund(sql(ctx), sessionId, refund)
  }
  @InjectTransactionManager()
  async cancelReservation(sessionId: string, orderId: string | null, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow | null> {
    return await reservations.cancel(sql(ctx), sessionId, orderId, this.options_.quarantineMinutes)
  }
  @InjectTransactionManager()
  async releaseByMerchant(reservationId: string, actorId: string, note: string, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow | null> {
    return await reservations.releaseByMerchant(sql(ctx), reservationId, actorId, note, this.options_.quarantineMinutes)
  }
  /** Puts a reservation the merchant released back as it was (the release step's compensation). */
  @InjectTransactionManager()
  async undoRelease(previous: T.ReleaseUndo, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await reservations.undoRelease(sql(ctx), previous)
  }
  @InjectManager()
  async listMatchCandidates(bankId: string, amount: number, @MedusaContext() ctx: Ctx = {}): Promise<T.MatchCandidateRow[]> {
    return await reservations.listMatchCandidates(readSql(ctx), bankId, amount)
  }
  @InjectManager()
  async withMatchCandidates(credits: T.CandidateQuery[], @MedusaContext() ctx: Ctx = {}): Promise<Set<string>> {
    return await reservations.withMatchCandidates(readSql(ctx), credits)
  }
  @InjectManager()
  async listReviewCandidates(input: T.ReviewCandidatesQuery, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow[]> {
    return await reservations.listReviewCandidates(readSql(ctx), input)
  }

  // The inbox: stored mutations, their leases and their decisions.
  /** The webhook's hot path: one autocommitted INSERT; returns only the rows it inserted (a repeat is a no-op). */
  @InjectManager()
  async ingestMutations(rows: T.InboxInput[], source: T.InboxSource, @MedusaContext() ctx: Ctx = {}): Promise<string[]> {
    return rows.length ? await inbox.insertInbox(autocommitSql(ctx), rows, source) : []
  }
  @InjectManager()
  async getInboxRow(id: string, @MedusaContext() ctx: Ctx = {}): Promise<T.InboxRow | null> {
    return await inbox.getInboxRow(readSql(ctx), id)
  }
  @InjectTransactionManager()
  async leaseInboxCandidates(ids: string[], leaseMs = INBOX_LEASE_MS, @MedusaContext() ctx: Ctx = {}): Promise<T.InboxRow[]> {
    const accounts = this.options_.accounts
    const transactionBankIds = accounts.filter((a) => isMootaTransactionKind(a.kind)).map((a) => a.bankId)
    const banks = { bankIds: accounts.map((a) => a.bankId), transactionBankIds }
    return await inbox.leaseCandidates(sql(ctx), ids, banks, await this.leaseOwner_.current(), leaseMs)
  }
  @InjectTransactionManager()
  async leasePendingInbox(limit: number, leaseMs = INBOX_LEASE_MS, @MedusaContext() ctx: Ctx = {}): Promise<T.InboxRow[]> {
    return await inbox.leasePending(sql(ctx), limit, await this.leaseOwner_.current(), leaseMs)
  }
  @InjectTransactionManager()
  async closeInboxRows(decided: { id: string; outcome: T.InboxOutcome }[], @MedusaContext() ctx: Ctx = {}): Promise<string[]> {
    return await inbox.closeMany(sql(ctx), decided)
  }
  @InjectTransactionManager()
  async recordInboxError(inboxId: string, message: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await inbox.recordInboxError(sql(ctx), inboxId, message)
  }
  /** Lets go of every inbox row this process leased: the next recovery tick hands them on at once. */
  async releaseInboxLeases(): Promise<void> {
    await this.leaseOwner_.giveUp()
  }
  /** Unfinished rows this process may lease now: nobody's, a dead process's, or its own to retry. */
  @InjectManager()
  async listLeasableInbox(limit = 100, @MedusaContext() ctx: Ctx = {}): Promise<string[]> {
    return await inbox.listLeasable(autocommitSql(ctx), await this.leaseOwner_.current(), limit)
  }
  @InjectManager()
  async lastMutationDates(@MedusaContext() ctx: Ctx = {}): Promise<Map<string, Date>> {
    return await inbox.lastMutationDates(readSql(ctx))
  }
  @InjectTransactionManager()
  async recordDecision(inboxId: string, decision: T.MatchDecision, @MedusaContext() ctx: Ctx = {}): Promise<T.RecordedDecision> {
    return await decisions.recordDecision(sql(ctx), inboxId, decision, await this.leaseOwner_.current())
  }
  @InjectTransactionManager()
  async undoRecordedCapture(inboxId: string, reservationId: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await decisions.undoRecordedCapture(sql(ctx), inboxId, reservationId)
  }
  @InjectTransactionManager()
  async completeCapture(inboxId: string, reservationId: string, orderId: string | null, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    const { quarantineMinutes, writeBack } = this.options_
    await decisions.completeCapture(sql(ctx), inboxId, reservationId, orderId, { quarantineMinutes, writeBack })
  }
  @InjectTransactionManager()
  async recordManualMatch(input: T.ManualMatchInput, @MedusaContext() ctx: Ctx = {}): Promise<T.ManualMatchRecorded> {
    return await decisions.recordManualMatch(sql(ctx), input)
  }
  @InjectTransactionManager()
  async undoManualMatch(undo: T.ManualMatchUndo, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await decisions.undoManualMatch(sql(ctx), undo)
  }
  @InjectTransactionManager()
  async createManualTransfer(reservationId: string, bankId: string | null, @MedusaContext() ctx: Ctx = {}): Promise<string> {
    return await inbox.createManualTransfer(sql(ctx), reservationId, bankId)
  }
  /** Removes a manual transfer this run created (the mark-as-paid step's compensation). */
  @InjectTransactionManager()
  async deleteManualTransfer(inboxId: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await inbox.deleteManualTransfer(sql(ctx), inboxId)
  }

  // Review queue, other credits and the audit trail.
  @InjectTransactionManager()
  async dismissReviewItem(id: string, actorId: string, note: string, @MedusaContext() ctx: Ctx = {}): Promise<T.ReviewItemRow> {
    return await review.dismissReviewItem(sql(ctx), id, actorId, note)
  }
  /** Opens a dismissed review item again (the dismiss step's compensation). */
  @InjectTransactionManager()
  async reopenReviewItem(id: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await review.reopenReviewItem(sql(ctx), id)
  }
  @InjectManager()
  async countOpenReviewItems(@MedusaContext() ctx: Ctx = {}): Promise<Record<string, number>> {
    return await review.countOpenReviewItems(readSql(ctx))
  }
  @InjectManager()
  async listBuyerReviewItems(q: T.BuyerReviewQuery, @MedusaContext() ctx: Ctx = {}): Promise<(T.BuyerReviewItem & { id: string })[]> {
    return await review.listBuyerReviewItems(readSql(ctx), q)
  }
  @InjectTransactionManager()
  async audit(entry: T.AuditEntry, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await review.audit(sql(ctx), entry.actor_id, entry.action, entry.subject_id, entry.note, entry.data)
  }
  @InjectTransactionManager()
  async recordAccountsSeen(bankIds: string[], @MedusaContext() ctx: Ctx = {}): Promise<Map<string, Date>> {
    return await triage.recordAccountsSeen(sql(ctx), bankIds)
  }
  @InjectManager()
  async findNearReservations(credits: T.TriageCredit[], rules: T.TriageRules, @MedusaContext() ctx: Ctx = {}): Promise<Map<string, T.TriageReservation[]>> {
    return await triage.findNearReservations(readSql(ctx), credits, rules)
  }
  @InjectTransactionManager()
  async reviewOtherCredit(input: T.OtherCreditReview, @MedusaContext() ctx: Ctx = {}): Promise<T.OtherCreditReviewed> {
    return await triage.reviewOtherCredit(sql(ctx), input)
  }
  @InjectTransactionManager()
  async undoReviewOtherCredit(undo: T.OtherCreditReviewUndo, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await triage.undoReviewOtherCredit(sql(ctx), undo)
  }

  // Leases of periodic work, per-address request limits, write-back and the notification outbox.
  @InjectManager()
  async recordRequest(scope: string, address: string, windowMs: number, @MedusaContext() ctx: Ctx = {}): Promise<T.RequestCount> {
    return await recordRequest(autocommitSql(ctx), scope, address, windowMs)
  }
  @InjectTransactionManager()
  async leaseBankRefresh(bankId: string, intervalSeconds: number, @MedusaContext() ctx: Ctx = {}): Promise<boolean> {
    return await leaseBankRefresh(sql(ctx), bankId, intervalSeconds)
  }
  @InjectManager()
  async listWriteBackDue(limit = 50, @MedusaContext() ctx: Ctx = {}): Promise<T.WriteBackDue[]> {
    return await writeBack.listDue(readSql(ctx), limit)
  }
  @InjectTransactionManager()
  async recordWriteBack(inboxId: string, result: T.WriteBackResult, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await writeBack.record(sql(ctx), inboxId, result)
  }
  @InjectTransactionManager()
  async leaseNotification(claim: T.NotificationClaim, @MedusaContext() ctx: Ctx = {}): Promise<T.NotificationLogRow | null> {
    return await outbox.claim(sql(ctx), claim)
  }
  @InjectTransactionManager()
  async recordNotificationResult(id: string, result: T.NotificationResult, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await outbox.recordResult(sql(ctx), id, result)
  }
  @InjectTransactionManager()
  async leaseNotificationRetries(input: T.RetryQuery, @MedusaContext() ctx: Ctx = {}): Promise<T.NotificationLogRow[]> {
    return await outbox.claimRetries(sql(ctx), input)
  }
  @InjectManager()
  async listReminderDue(input: T.ReminderQuery, @MedusaContext() ctx: Ctx = {}): Promise<T.ReservationRow[]> {
    return await outbox.listReminderDue(readSql(ctx), input)
  }

  // Buyers' payment claims ("I have paid"): never confirm a payment (see models/payment-claim.ts).
  @InjectTransactionManager()
  async createPaymentClaim(input: T.NewClaim, @MedusaContext() ctx: Ctx = {}): Promise<T.ClaimRow> {
    return await claims.createClaim(sql(ctx), input)
  }
  @InjectTransactionManager()
  async deletePaymentClaim(id: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await claims.deleteClaim(sql(ctx), id)
  }
  @InjectManager()
  async countPaymentClaimsSince(reservationId: string, since: Date, @MedusaContext() ctx: Ctx = {}): Promise<number> {
    return await claims.countClaimsSince(readSql(ctx), reservationId, since)
  }
  @InjectManager()
  async listPaymentClaims(q: T.ClaimQuery, @MedusaContext() ctx: Ctx = {}): Promise<T.ClaimRow[]> {
    return await claims.listClaims(readSql(ctx), q)
  }
  @InjectManager()
  async listClaimsFittingCredit(credit: T.CreditForClaims, @MedusaContext() ctx: Ctx = {}): Promise<T.ClaimRow[]> {
    return await claims.listClaimsFittingCredit(readSql(ctx), credit)
  }
  @InjectManager()
  async listOpenPaymentClaims(@MedusaContext() ctx: Ctx = {}): Promise<T.ClaimRow[]> {
    return await claims.listOpenClaims(readSql(ctx))
  }
  @InjectManager()
  async getPaymentClaimProof(id: string, @MedusaContext() ctx: Ctx = {}): Promise<T.ClaimProof | null> {
    return await claims.getClaimProof(readSql(ctx), id)
  }
  @InjectManager()
  async listUnrelatedCreditsFittingClaim(claim: T.ClaimRow, @MedusaContext() ctx: Ctx = {}): Promise<string[]> {
    return await claims.listUnrelatedCreditsFittingClaim(readSql(ctx), claim)
  }
  /** Claims no received credit fits after a reconciliation, each returned once (for one merchant alert). */
  @InjectTransactionManager()
  async takeUnfittedClaims(before: Date, @MedusaContext() ctx: Ctx = {}): Promise<T.ClaimRow[]> {
    return await claims.takeUnfittedClaims(sql(ctx), before)
  }

  // Refunds to send (stores/refunds.ts): recorded per Medusa refund, marked sent by the shop's debit or the merchant.
  @InjectTransactionManager()
  async recordRefundToSend(input: T.NewRefundToSend, @MedusaContext() ctx: Ctx = {}): Promise<T.RefundToSendRow> {
    return await refunds.recordRefundToSend(sql(ctx), input)
  }
  /** Refunds the given debits (closed inbox rows) sent, on the shop's configured accounts. */
  @InjectTransactionManager()
  async markRefundsSentByDebits(inboxIds: string[], @MedusaContext() ctx: Ctx = {}): Promise<T.RefundToSendRow[]> {
    return await refunds.markSentByDebits(sql(ctx), inboxIds, this.options_.accounts.map((a) => a.bankId))
  }
  /** Debits of the last `days` days that sent no refund yet: the sweep behind the inbox's own check. */
  @InjectManager()
  async listUnlinkedDebits(days: number, @MedusaContext() ctx: Ctx = {}): Promise<string[]> {
    return await refunds.listUnlinkedDebits(readSql(ctx), days)
  }
  @InjectTransactionManager()
  async markRefundSent(input: T.MarkRefundSentInput, @MedusaContext() ctx: Ctx = {}): Promise<T.RefundToSendRow> {
    return await refunds.markSentByMerchant(sql(ctx), input)
  }
  @InjectTransactionManager()
  async undoMarkRefundSent(id: string, @MedusaContext() ctx: Ctx = {}): Promise<void> {
    await refunds.undoMarkSent(sql(ctx), id)
  }
  @InjectManager()
  async listRefundsToSend(q: T.RefundsToSendQuery, @MedusaContext() ctx: Ctx = {}): Promise<T.RefundToSendRow[]> {
    return await refunds.listRefundsToSend(readSql(ctx), q)
  }
  @InjectTransactionManager()
  async takeOverdueRefunds(before: Date, @MedusaContext() ctx: Ctx = {}): Promise<T.RefundToSendRow[]> {
    return await refunds.takeOverdueRefunds(sql(ctx), before)
  }
  @InjectTransactionManager()
  async takeSentUnannouncedRefunds(@MedusaContext() ctx: Ctx = {}): Promise<T.RefundToSendRow[]> {
    return await refunds.takeSentUnannounced(sql(ctx))
  }
}

export default MootaModuleService
