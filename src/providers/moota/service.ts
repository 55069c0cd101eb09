import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AbstractPaymentProvider,
  BigNumber,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import { formatRupiah } from "../../lib/amount"
import { checkoutProblemMessage } from "../../lib/moota/transaction-texts"
import { sessionDataFromReservation, type MootaSessionData } from "../../lib/instructions"
import { createMootaClient, transactionProblemOf, type TransactionProblem } from "../../lib/moota"
import {
  isMootaTransactionKind,
  parseMootaOptions,
  type MootaAccount,
  type MootaOptions,
  type MootaOptionsInput,
  type MootaTransactionKind,
} from "../../lib/options"
import { RESERVATION } from "../../lib/statuses"
import { MOOTA_MODULE } from "../../modules/moota"
import type MootaModuleService from "../../modules/moota/service"
import type { ReservationRow } from "../../modules/moota/types"
import { MOOTA_PROVIDER_IDENTIFIER } from "./constants"
import { amountToAsk, customerOf, paymentCollectionOf, STATUS_FOR_AUTHORIZE, STATUS_FOR_QUERY, transactionDescription } from "./session-input"
import { paymentDeadline, quarantineEnd } from "../../lib/durations"
import { errorMessage } from "../../lib/error-message"

type Cradle = Record<string, unknown> & { logger: Logger }

/**
 * `pp_moota_moota`: bank transfer / VA / QRIS confirmed by Moota. Thin on purpose: every fact lives in
 * the plugin's module (reservations), so several Medusa processes agree and nothing is held in memory.
 * Payments stay `pending_authorization` until a Moota mutation is matched; then authorizePayment
 * answers `captured` and Medusa books the order total.
 */
class MootaPaymentProviderService extends AbstractPaymentProvider<MootaOptionsInput> {
  static identifier = MOOTA_PROVIDER_IDENTIFIER

  protected readonly logger_: Logger
  protected readonly cradle_: Cradle
  /** Provider options, when given; otherwise the plugin's options (held by the module) apply. */
  protected readonly options_?: MootaOptions

  static validateOptions(options: Record<string, unknown>): void {
    if (options && Object.keys(options).length) {
      parseMootaOptions(options)
    }
  }

  constructor(cradle: Cradle, options?: MootaOptionsInput) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Cradle, MootaOptionsInput]))
    this.cradle_ = cradle
    this.logger_ = cradle.logger
    this.options_ = options && Object.keys(options).length ? parseMootaOptions(options) : undefined
  }

  /** Resolved at call time: the module is registered after the payment module's providers. */
  protected get moota_(): MootaModuleService {
    try {
      return this.cradle_[MOOTA_MODULE] as MootaModuleService
    } catch {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `The Moota module is not reachable from the payment provider: add dependencies: ["${MOOTA_MODULE}"] to the payment module in medusa-config`
      )
    }
  }

  protected config_(): MootaOptions {
    return this.options_ ?? this.moota_.getOptions()
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = await this.reserve_(input, { atCreation: true })
    return { id: data.reservation_id, data, status: PaymentSessionStatus.PENDING }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const data = await this.reserve_(input)
    return { data, status: PaymentSessionStatus.PENDING }
  }

  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const sessionId = this.sessionIdOf_(input.data)
    if (sessionId) {
      await this.moota_.releaseReservation(sessionId, "session_deleted")
    }
    return { data: input.data }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const row = await this.reservationOf_(input.data)
    if (!row) {
      return { status: PaymentSessionStatus.ERROR, data: input.data }
    }
    return { status: STATUS_FOR_AUTHORIZE[row.status], data: this.dataOf_(row, input.data) }
  }

  /** The money is already in the merchant's account when a Moota payment is captured. */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return { data: input.data }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const sessionId = this.sessionIdOf_(input.data)
    const row = sessionId ? await this.moota_.releaseReservation(sessionId, "payment_canceled") : null
    return { data: row ? this.dataOf_(row, input.data) : input.data }
  }

  /**
   * Moota reads mutations; it cannot send money. The refund becomes a refund to send (keyed by Medusa's
   * refund id, so a retry records it once): the merchant transfers it back by hand, and the shop's
   * debit of that amount, or the merchant, marks it sent.
   */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const sessionId = this.sessionIdOf_(input.data)
    const amount = new BigNumber(input.amount).numeric
    const refundId = input.context?.idempotency_key
    const toSend =
      sessionId && refundId ? await this.moota_.recordRefundToSend({ refund_id: refundId, session_id: sessionId, amount }) : null
    const note = toSend?.note ?? `Manual refund: Moota cannot send money; transfer ${amount} IDR back to the buyer from your bank.`
    const row = sessionId
      ? await this.moota_.recordRefund(sessionId, { amount, recorded_at: new Date().toISOString(), note })
      : null
    this.logger_.info(`moota: recorded a manual refund of ${amount} IDR for session ${sessionId ?? "(unknown)"}`)
    return { data: { ...(row ? this.dataOf_(row, input.data) : input.data), refund_note: note } }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const row = await this.reservationOf_(input.data)
    return { data: row ? this.dataOf_(row, input.data) : input.data }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const row = await this.reservationOf_(input.data)
    if (!row) {
      return { status: PaymentSessionStatus.ERROR, data: input.data }
    }
    return { status: STATUS_FOR_QUERY[row.status], data: this.dataOf_(row, input.data) }
  }

  /** Moota deliveries go to the plugin's own `/hooks/moota` route, which verifies and stores them first. */
  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }

  private async reserve_(input: InitiatePaymentInput | UpdatePaymentInput, opts: { atCreation?: boolean } = {}): Promise<MootaSessionData> {
    const options = this.config_()
    if ((input.currency_code ?? "").toLowerCase() !== "idr") {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Moota payments are in Indonesian rupiah (IDR) only; this cart is in ${String(input.currency_code).toUpperCase()}`
      )
    }
    const sessionId = this.sessionIdOf_(input.data) ?? input.context?.idempotency_key
    if (!sessionId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Moota payments need the payment session id")
    }
    // A received payment keeps its amount: Medusa may still align the session's amount to it.
    const current = await this.moota_.getReservationBySession(sessionId)
    if (current?.status === RESERVATION.paid) {
      return this.dataOf_(current, input.data)
    }
    // `amount_due` is read when the session is made: Medusa keeps the creation data in the session's
    // data, so a later update (a new amount) would otherwise see a stale one.
    const total = amountToAsk(new BigNumber(input.amount).numeric, opts.atCreation ? input.data : undefined)
    const orderId = typeof input.data?.order_id === "string" ? input.data.order_id : null
    const data = await this.reserveFor_(input, sessionId, total, options)
    if (orderId) {
      // A collection of a placed order (edit, exchange, claim, payment request): its payments belong to it at once.
      await this.moota_.setReservationOrder(sessionId, orderId)
    }
    return data
  }

  private async reserveFor_(
    input: InitiatePaymentInput | UpdatePaymentInput,
    sessionId: string,
    total: number,
    options: MootaOptions
  ): Promise<MootaSessionData> {
    const chosen = typeof input.data?.bank_id === "string" ? input.data.bank_id : undefined
    const transactionAccount = this.transactionAccount_(options, chosen)
    if (transactionAccount) {
      return await this.openTransaction_(input, transactionAccount, total, sessionId, options)
    }
    const accounts = this.offeredAccounts_(options, chosen)
    await this.moota_.retireMootaTransaction(sessionId)
    const now = Date.now()
    const expiresAt = paymentDeadline(now, options.paymentWindowMinutes)
    const row = await this.moota_.reserveAmount({
      session_id: sessionId,
      currency_code: "idr",
      order_total: total,
      bank_ids: accounts.map((a) => a.bankId),
      code_min: options.uniqueCodeMin,
      code_max: options.uniqueCodeMax,
      code_mode: options.uniqueCodeMode,
      expires_at: expiresAt,
      quarantine_until: quarantineEnd(expiresAt, options.quarantineMinutes),
    })
    return this.dataOf_(row, input.data)
  }

  /**
   * The account whose payment Moota creates (a VA number or QR of its own): the buyer's choice, or
   * the first such account when the shop offers nothing else. Null for unique-code payments.
   */
  private transactionAccount_(options: MootaOptions, chosen?: string): MootaAccount | null {
    const enabled = options.accounts.filter((a) => a.enabled)
    const own = enabled.filter((a) => isMootaTransactionKind(a.kind))
    if (chosen) {
      return own.find((a) => a.bankId === chosen) ?? null
    }
    return own.length && own.length === enabled.length ? own[0] : null
  }

  /**
   * One Moota transaction per session, reused while the total and account stay the same. What Moota
   * refuses is told to the buyer as what to fix; when Moota cannot be reached nothing is kept, and
   * the buyer can still choose a unique-code account.
   */
  private async openTransaction_(
    input: InitiatePaymentInput | UpdatePaymentInput,
    account: MootaAccount,
    total: number,
    sessionId: string,
    options: MootaOptions
  ): Promise<MootaSessionData> {
    const refuse = (problem: TransactionProblem, cause?: unknown) => {
      if (cause) {
        this.logger_.warn(`moota: no ${account.kind} payment for session ${sessionId} (${problem}): ${errorMessage(cause)}`)
      }
      return new MedusaError(
        problem === "unavailable" ? MedusaError.Types.NOT_ALLOWED : MedusaError.Types.INVALID_DATA,
        checkoutProblemMessage(problem, { bank: account.bank, min_total: formatRupiah(options.transactionMinTotal) }),
        // For a storefront that would rather branch on a code than read the message.
        `moota_${problem}`
      )
    }
    if (total < options.transactionMinTotal) {
      throw refuse("min_total")
    }
    const customer = customerOf(input)
    if (!customer.phone) {
      throw refuse("phone")
    }
    if (!customer.email) {
      throw refuse("email")
    }
    const client = createMootaClient(options, "interactive")
    if (!client) {
      throw refuse("unavailable")
    }
    const now = Date.now()
    try {
      const row = await this.moota_.openMootaTransaction(
        {
          session_id: sessionId,
          bank_id: account.bankId,
          kind: account.kind as MootaTransactionKind,
          bank: account.bank,
          account_holder: account.accountHolder,
          currency_code: "idr",
          order_total: total,
          expires_at: paymentDeadline(now, options.paymentWindowMinutes),
          quarantine_minutes: options.quarantineMinutes,
          payment_collection_id: paymentCollectionOf(input.data),
        },
        (reference) =>
          client.createTransaction({
            reference,
            bank_account_id: account.bankId,
            customer: { name: customer.name, email: customer.email!, phone: customer.phone! },
            total,
            description: transactionDescription(input.data, options.storeName),
            expired_in_minutes: options.paymentWindowMinutes,
          })
      )
      return this.dataOf_(row, input.data)
    } catch (e) {
      if (e instanceof MedusaError) {
        throw e
      }
      throw refuse(transactionProblemOf(e), e)
    }
  }

  private offeredAccounts_(options: MootaOptions, chosen?: string): MootaAccount[] {
    const enabled = options.accounts.filter((a) => a.enabled && !isMootaTransactionKind(a.kind))
    if (!chosen) {
      return enabled
    }
    const account = enabled.find((a) => a.bankId === chosen)
    if (!account) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown receiving account "${chosen}"; choose one of: ${enabled.map((a) => a.bankId).join(", ")}`
      )
    }
    return [account]
  }

  private sessionIdOf_(data?: Record<string, unknown>): string | undefined {
    return typeof data?.session_id === "string" ? data.session_id : undefined
  }

  private async reservationOf_(data?: Record<string, unknown>): Promise<ReservationRow | null> {
    const sessionId = this.sessionIdOf_(data)
    return sessionId ? await this.moota_.getReservationBySession(sessionId) : null
  }

  private dataOf_(row: ReservationRow, previous?: Record<string, unknown>): MootaSessionData {
    const chosen = typeof previous?.bank_id === "string" ? previous.bank_id : undefined
    return sessionDataFromReservation(row, this.config_(), { bank_id: chosen })
  }
}

export default MootaPaymentProviderService
