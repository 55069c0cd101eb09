import { z } from "zod"
import type { MootaOptions } from "../options"
import { toMootaDate } from "../wib"
import { MootaApiError } from "./errors"
import { walkPages } from "./pagination"
import {
  mootaAccountIndexSchema,
  mootaBankSchema,
  mootaCreatedTransactionSchema,
  mootaIndexedAccountSchema,
  mootaMutationSchema,
  mootaPaginatedSchema,
  mootaProfileSchema,
  type MootaBank,
  type MootaIndexedAccount,
  type MootaMutation,
  type MootaMutationType,
  type Paginated,
} from "./schemas"
import { createTransactionBody, toCreatedTransaction, type CreateTransactionInput, type MootaCreatedTransaction } from "./transaction"
import { MootaTransport, type MootaClientOptions } from "./transport"

/** The one typed way to reach Moota API v2: each method is one endpoint (see transport.ts for how). */

export interface ListMutationsParams {
  /** A bank_id. Moota's query parameter is `bank`, not `bank_id`. */
  bank?: string
  type?: MootaMutationType
  /** "YYYY-MM-DD" in WIB, or a Date converted to its WIB calendar day. */
  start_date?: string | Date
  end_date?: string | Date
  amount?: number | string
  note?: string
  tag?: string
  page?: number
  per_page?: number
}

export interface ListMutationsSinceOptions {
  until?: string | Date
  bank?: string
  type?: MootaMutationType
  per_page?: number
  /** Stop after this many pages even if more exist. Default 20. */
  maxPages?: number
}

export interface MootaMutationBatch {
  mutations: MootaMutation[]
  pages: number
  /** False when maxPages stopped the walk before the last page. */
  complete: boolean
}

const DEFAULT_MAX_PAGES = 20
const BANK_PAGE_SIZE = 50
const MUTATION_PAGE_SIZE = 100

const bankPageSchema = mootaPaginatedSchema(mootaBankSchema)
const mutationPageSchema = mootaPaginatedSchema(mootaMutationSchema)
const anyAnswerSchema = z.unknown()

export class MootaClient {
  private readonly http_: MootaTransport

  constructor(options: MootaClientOptions) {
    this.http_ = new MootaTransport(options)
  }

  async listBanks(params: { page?: number; per_page?: number } = {}): Promise<Paginated<MootaBank>> {
    return this.http_.request({ method: "GET", path: "/bank", query: { ...params }, schema: bankPageSchema })
  }

  /** Every connected account, following pages up to `maxPages`. */
  async listAllBanks(options: { per_page?: number; maxPages?: number } = {}): Promise<MootaBank[]> {
    const banks: MootaBank[] = []
    await walkPages(
      (page) => this.listBanks({ page, per_page: options.per_page ?? BANK_PAGE_SIZE }),
      options.maxPages ?? DEFAULT_MAX_PAGES,
      (items) => banks.push(...items)
    )
    return banks
  }

  async listMutations(params: ListMutationsParams = {}): Promise<Paginated<MootaMutation>> {
    const { start_date, end_date, amount, ...rest } = params
    return this.http_.request({
      method: "GET",
      path: "/mutation",
      query: {
        ...rest,
        amount: amount === undefined ? undefined : String(amount),
        start_date: start_date === undefined ? undefined : toMootaDay(start_date),
        end_date: end_date === undefined ? undefined : toMootaDay(end_date),
      },
      schema: mutationPageSchema,
    })
  }

  /**
   * Mutations from `since`'s WIB calendar day onwards (Moota filters by day only, so earlier
   * mutations of that day are included), following pages up to `maxPages`.
   */
  async listMutationsSince(since: string | Date, options: ListMutationsSinceOptions = {}): Promise<MootaMutationBatch> {
    const mutations: MootaMutation[] = []
    const walk = await walkPages(
      (page) =>
        this.listMutations({
          bank: options.bank,
          type: options.type,
          start_date: since,
          end_date: options.until,
          page,
          per_page: options.per_page ?? MUTATION_PAGE_SIZE,
        }),
      options.maxPages ?? DEFAULT_MAX_PAGES,
      (items) => mutations.push(...items)
    )
    return { mutations, ...walk }
  }

  /** "Check now". Costs the merchant Moota points: callers throttle it. */
  async refreshBank(bankId: string): Promise<void> {
    await this.http_.request({ method: "POST", path: `/bank/${segment(bankId)}/refresh`, schema: anyAnswerSchema })
  }

  /** Creates a tag; a tag that already exists counts as success (`created: false`). */
  async createTag(name: string): Promise<{ created: boolean }> {
    try {
      await this.http_.request({ method: "POST", path: "/tagging", body: { name }, schema: anyAnswerSchema })
      return { created: true }
    } catch (e) {
      if (e instanceof MootaApiError && e.status === 422 && /already|taken/i.test(e.responseMessage ?? "")) {
        return { created: false }
      }
      throw e
    }
  }

  /** Tags must exist first (see createTag). */
  async attachTags(mutationId: string, names: string[]): Promise<void> {
    await this.http_.request({
      method: "POST",
      path: `/tagging/mutation/${segment(mutationId)}`,
      body: { name: names },
      schema: anyAnswerSchema,
    })
  }

  async addNote(mutationId: string, note: string): Promise<void> {
    await this.http_.request({
      method: "POST",
      path: `/mutation/${segment(mutationId)}/note`,
      body: { note },
      schema: anyAnswerSchema,
    })
  }

  /** Asks Moota to push one mutation to the webhooks again. */
  async resendWebhook(mutationId: string): Promise<void> {
    await this.http_.request({ method: "POST", path: `/mutation/${segment(mutationId)}/webhook`, schema: anyAnswerSchema })
  }

  /** The merchant's Moota point balance (`GET /user`), or null when the answer has none. */
  async getPoints(): Promise<number | null> {
    const answer = await this.http_.request({ method: "GET", path: "/user", schema: mootaProfileSchema })
    const point = answer.point ?? answer.user?.point
    return point === null || point === undefined ? null : Number(point)
  }

  /**
   * A VA number or QR for one payment on a create-transaction account. Moota publishes no cancel call
   * for it, so a replaced transaction simply stays unpaid on Moota's side and expires there.
   */
  async createTransaction(input: CreateTransactionInput): Promise<MootaCreatedTransaction> {
    const answer = await this.http_.request({
      method: "POST",
      path: "/create-transaction",
      body: createTransactionBody(input),
      schema: mootaCreatedTransactionSchema,
    })
    return toCreatedTransaction(answer, input.total)
  }

  /** Accounts Moota offers for create-transaction (VA, QRIS and banks); items without an id are skipped. */
  async listAccountIndex(): Promise<MootaIndexedAccount[]> {
    const answer = await this.http_.request({ method: "GET", path: "/accounts/index", schema: mootaAccountIndexSchema })
    const accounts: MootaIndexedAccount[] = []
    for (const item of Array.isArray(answer) ? answer : answer.data) {
      const parsed = mootaIndexedAccountSchema.safeParse(item)
      const id = parsed.success ? (parsed.data.bank_id ?? parsed.data.token) : null
      if (parsed.success && id) {
        accounts.push({
          bank_id: id,
          bank_type: parsed.data.bank_type ?? null,
          label: parsed.data.label ?? null,
          account_number: parsed.data.account_number == null ? null : String(parsed.data.account_number),
          atas_nama: parsed.data.atas_nama ?? null,
        })
      }
    }
    return accounts
  }
}

/** Who waits for the answer: a job can afford retries with backoff, a person on a page cannot. */
export type MootaClientUse = "background" | "interactive"

/** A page must say "unreachable" in seconds, not after the backoff meant for jobs. */
const INTERACTIVE_TIMEOUT_MS = 5_000

/** The one factory of a client from the plugin's options; null when no API token is configured. */
export function createMootaClient(
  options: Pick<MootaOptions, "apiBaseUrl" | "apiToken" | "apiTimeoutMs">,
  use: MootaClientUse = "background"
): MootaClient | null {
  if (!options.apiToken) {
    return null
  }
  return new MootaClient({
    baseUrl: options.apiBaseUrl,
    token: options.apiToken,
    ...(use === "interactive"
      ? { timeoutMs: Math.min(options.apiTimeoutMs, INTERACTIVE_TIMEOUT_MS), maxRetries: 0 }
      : { timeoutMs: options.apiTimeoutMs }),
  })
}

function segment(id: string): string {
  if (!id) {
    throw new Error("Moota id must not be empty")
  }
  return encodeURIComponent(id)
}

/** Moota's `Y-m-d` filters are WIB calendar days; strings are passed as given. */
function toMootaDay(value: string | Date): string {
  return typeof value === "string" ? value : toMootaDate(value)
}
