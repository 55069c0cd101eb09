import { z } from "zod"
import { toMootaDate } from "./wib"

/**
 * The one typed way to reach Moota API v2. Answers are validated with zod but tolerantly: Moota sends
 * amounts as numbers or numeric strings, account numbers as strings or numbers, and adds fields over
 * time, so unknown fields pass through and amounts are kept as given (callers parse them).
 */

/** A JSON number or a numeric string ("100123.00", "10000"); anything else is refused. */
export const mootaAmountSchema = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)])

/** Laravel paginators serialise `per_page` as given in the query string, so integers may be strings. */
const intLikeSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/)])
  .transform((v) => Number(v))

const accountNumberSchema = z.union([z.string(), z.number()])

export const mootaBankSchema = z.looseObject({
  bank_id: z.string().min(1),
  bank_type: z.string(),
  label: z.string().nullish(),
  account_number: accountNumberSchema,
  /** Account holder; `username` (the internet-banking login) must never reach buyers. */
  atas_nama: z.string().nullish(),
  is_active: z.union([z.boolean(), z.number()]).nullish(),
  /** Minutes between Moota's pulls from internet banking. */
  interval_refresh: z.union([z.number(), z.string()]).nullish(),
  last_update: z.string().nullish(),
  balance: mootaAmountSchema.nullish(),
})

/** The bank object nested in a mutation: same fields, none of them guaranteed. */
const nestedBankSchema = mootaBankSchema.partial()

const paymentDetailSchema = z.union([
  z.looseObject({
    trx_id: z.union([z.string(), z.number()]).nullish(),
    order_id: z.union([z.string(), z.number()]).nullish(),
    status: z.string().nullish(),
    total: mootaAmountSchema.nullish(),
    amount_captured: mootaAmountSchema.nullish(),
    unique_code: mootaAmountSchema.nullish(),
    unique_note: z.string().nullish(),
  }),
  // PHP serialises an empty associative array as [].
  z.array(z.unknown()),
  z.null(),
])

const mutationTypeSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.enum(["CR", "DB"])
)

/**
 * One mutation, as listed by `GET /mutation` and as each item of a webhook body. Only the fields
 * that identify and price a mutation are required.
 */
export const mootaMutationSchema = z.looseObject({
  mutation_id: z.string().min(1),
  bank_id: z.string().min(1),
  /** CR = money in (the only kind that can pay an order), DB = money out. */
  type: mutationTypeSchema,
  amount: mootaAmountSchema,
  token: z.string().nullish(),
  account_number: accountNumberSchema.nullish(),
  /** WIB wall-clock time "YYYY-MM-DD HH:mm:ss" (some banks give only the date, at 00:00:00). */
  date: z.string().nullish(),
  description: z.string().nullish(),
  note: z.string().nullish(),
  balance: mootaAmountSchema.nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  taggings: z.array(z.unknown()).nullish(),
  bank: nestedBankSchema.nullish(),
  account: z.unknown().optional(),
  payment_detail: paymentDetailSchema.optional(),
})

/** A webhook delivery body: a JSON array of mutations, never an envelope. */
export const mootaWebhookBodySchema = z.array(mootaMutationSchema).min(1)

export function mootaPaginatedSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    current_page: intLikeSchema,
    data: z.array(item),
    last_page: intLikeSchema.optional(),
    next_page_url: z.string().nullish(),
    per_page: intLikeSchema.optional(),
    total: intLikeSchema.optional(),
  })
}

export type MootaAmount = z.infer<typeof mootaAmountSchema>
export type MootaBank = z.infer<typeof mootaBankSchema>
export type MootaMutation = z.infer<typeof mootaMutationSchema>
export type MootaMutationType = MootaMutation["type"]

/** Laravel's paginator envelope. */
export interface Paginated<T> {
  current_page: number
  data: T[]
  last_page?: number
  next_page_url?: string | null
  per_page?: number
  total?: number
}

const bankPageSchema = mootaPaginatedSchema(mootaBankSchema)
const mutationPageSchema = mootaPaginatedSchema(mootaMutationSchema)
const anyAnswerSchema = z.unknown()

export type MootaApiErrorCode = "http" | "timeout" | "network" | "invalid_response"

/** Every failure of a Moota call. The message never contains the token or a query string. */
export class MootaApiError extends Error {
  override readonly name = "MootaApiError"
  /** HTTP status, or null when no answer arrived (timeout, network error). */
  readonly status: number | null
  /** Method and path, e.g. "GET /mutation"; never the query. */
  readonly endpoint: string
  readonly retriable: boolean
  readonly code: MootaApiErrorCode
  /** Moota's own error message (with Laravel's `errors` flattened), shortened. */
  readonly responseMessage?: string
  /** Parsed Retry-After, in milliseconds, when the answer carried one. */
  readonly retryAfterMs?: number
  readonly cause?: unknown

  constructor(init: {
    message: string
    status: number | null
    endpoint: string
    retriable: boolean
    code: MootaApiErrorCode
    responseMessage?: string
    retryAfterMs?: number
    cause?: unknown
  }) {
    super(init.message)
    this.status = init.status
    this.endpoint = init.endpoint
    this.retriable = init.retriable
    this.code = init.code
    this.responseMessage = init.responseMessage
    this.retryAfterMs = init.retryAfterMs
    this.cause = init.cause
  }
}

export interface MootaClientOptions {
  /** e.g. "https://app.moota.co/api/v2" (or "https://api.moota.co/api/v2"). */
  baseUrl: string
  /** Personal access token from "Apps & API" (the `api` scope). */
  token: string
  /** Per attempt. Default 10000. */
  timeoutMs?: number
  /** Extra attempts after the first, only for 429, 5xx, timeouts and network errors. Default 3. */
  maxRetries?: number
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  /** First backoff delay; doubles per attempt. Default 500. */
  retryBaseDelayMs?: number
  /** Upper bound for any wait between attempts, including a server's Retry-After. Default 30000. */
  maxRetryDelayMs?: number
}

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

type Query = Record<string, string | number | undefined>

interface RequestSpec<S extends z.ZodType> {
  method: "GET" | "POST" | "DELETE"
  path: string
  query?: Query
  body?: unknown
  schema: S
}

const DEFAULT_TIMEOUT_MS = 10_000
const DEFAULT_MAX_RETRIES = 3
const DEFAULT_RETRY_BASE_DELAY_MS = 500
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000
const DEFAULT_MAX_PAGES = 20
const BANK_PAGE_SIZE = 50
const MUTATION_PAGE_SIZE = 100
const MESSAGE_LIMIT = 300

export class MootaClient {
  protected readonly baseUrl_: string
  protected readonly token_: string
  protected readonly timeoutMs_: number
  protected readonly maxRetries_: number
  protected readonly retryBaseDelayMs_: number
  protected readonly maxRetryDelayMs_: number
  protected readonly fetch_: typeof fetch
  protected readonly sleep_: (ms: number) => Promise<void>

  constructor(options: MootaClientOptions) {
    if (!options.baseUrl) {
      throw new Error("MootaClient: baseUrl is required")
    }
    if (!options.token) {
      throw new Error("MootaClient: token is required")
    }
    this.baseUrl_ = options.baseUrl.replace(/\/+$/, "")
    this.token_ = options.token
    this.timeoutMs_ = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.maxRetries_ = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES)
    this.retryBaseDelayMs_ = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS
    this.maxRetryDelayMs_ = options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS
    this.fetch_ = options.fetch ?? globalThis.fetch
    this.sleep_ = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }

  async listBanks(params: { page?: number; per_page?: number } = {}): Promise<Paginated<MootaBank>> {
    return this.request_({ method: "GET", path: "/bank", query: { ...params }, schema: bankPageSchema })
  }

  /** Every connected account, following pages up to `maxPages`. */
  async listAllBanks(options: { per_page?: number; maxPages?: number } = {}): Promise<MootaBank[]> {
    const banks: MootaBank[] = []
    await this.walkPages_(
      (page) => this.listBanks({ page, per_page: options.per_page ?? BANK_PAGE_SIZE }),
      options.maxPages ?? DEFAULT_MAX_PAGES,
      (items) => banks.push(...items)
    )
    return banks
  }

  async listMutations(params: ListMutationsParams = {}): Promise<Paginated<MootaMutation>> {
    const { start_date, end_date, amount, ...rest } = params
    return this.request_({
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
  async listMutationsSince(
    since: string | Date,
    options: ListMutationsSinceOptions = {}
  ): Promise<MootaMutationBatch> {
    const mutations: MootaMutation[] = []
    const walk = await this.walkPages_(
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
    await this.request_({ method: "POST", path: `/bank/${segment(bankId)}/refresh`, schema: anyAnswerSchema })
  }

  /** Creates a tag; a tag that already exists counts as success (`created: false`). */
  async createTag(name: string): Promise<{ created: boolean }> {
    try {
      await this.request_({ method: "POST", path: "/tagging", body: { name }, schema: anyAnswerSchema })
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
    await this.request_({
      method: "POST",
      path: `/tagging/mutation/${segment(mutationId)}`,
      body: { name: names },
      schema: anyAnswerSchema,
    })
  }

  async addNote(mutationId: string, note: string): Promise<void> {
    await this.request_({
      method: "POST",
      path: `/mutation/${segment(mutationId)}/note`,
      body: { note },
      schema: anyAnswerSchema,
    })
  }

  /** Asks Moota to push one mutation to the webhooks again. */
  async resendWebhook(mutationId: string): Promise<void> {
    await this.request_({
      method: "POST",
      path: `/mutation/${segment(mutationId)}/webhook`,
      schema: anyAnswerSchema,
    })
  }

  protected async walkPages_<T>(
    fetchPage: (page: number) => Promise<Paginated<T>>,
    maxPages: number,
    onItems: (items: T[]) => void
  ): Promise<{ pages: number; complete: boolean }> {
    let page = 1
    for (let fetched = 1; ; fetched++, page++) {
      const answer = await fetchPage(page)
      onItems(answer.data)
      if (!hasNextPage(answer)) {
        return { pages: fetched, complete: true }
      }
      if (fetched >= maxPages) {
        return { pages: fetched, complete: false }
      }
    }
  }

  protected async request_<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt_(spec)
      } catch (e) {
        if (!(e instanceof MootaApiError) || !e.retriable || attempt >= this.maxRetries_) {
          throw e
        }
        await this.sleep_(this.retryDelay_(attempt, e.retryAfterMs))
      }
    }
  }

  protected async attempt_<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.infer<S>> {
    const endpoint = `${spec.method} ${spec.path}`
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.token_}`,
      Accept: "application/json",
    }
    if (spec.body !== undefined) {
      headers["Content-Type"] = "application/json"
    }

    let response: Response
    let text: string
    try {
      response = await this.fetch_(this.url_(spec.path, spec.query), {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(this.timeoutMs_),
      })
      text = await response.text()
    } catch (e) {
      // Duck-typed: fetch's DOMException is not an Error of every realm (jest's VM contexts).
      const failure = (e ?? {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown } }
      const timedOut = failure.name === "TimeoutError" || failure.name === "AbortError"
      // fetch says only "fetch failed"; the socket error (ECONNREFUSED, ...) is in `cause`.
      const reason = String(failure.cause?.message ?? failure.message ?? e)
      throw new MootaApiError({
        message: timedOut
          ? `Moota ${endpoint} timed out after ${this.timeoutMs_} ms`
          : `Moota ${endpoint} failed: ${this.redact_(reason)}`,
        status: null,
        endpoint,
        retriable: true,
        code: timedOut ? "timeout" : "network",
        cause: e,
      })
    }

    if (!response.ok) {
      const status = response.status
      const responseMessage = this.errorMessage_(text)
      const retriable = status === 429 || status >= 500
      throw new MootaApiError({
        message: `Moota ${endpoint} answered ${status}${responseMessage ? `: ${responseMessage}` : ""}`,
        status,
        endpoint,
        retriable,
        code: "http",
        responseMessage,
        retryAfterMs: retriable ? parseRetryAfter(response.headers.get("retry-after")) : undefined,
      })
    }

    let json: unknown
    try {
      json = text.trim() === "" ? undefined : JSON.parse(text)
    } catch {
      throw this.invalid_(endpoint, response.status, "the answer is not JSON")
    }
    const parsed = spec.schema.safeParse(json)
    if (!parsed.success) {
      // Paths and messages only: values could be account numbers.
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ")
      throw this.invalid_(endpoint, response.status, `unexpected answer shape (${where})`)
    }
    return parsed.data
  }

  protected url_(path: string, query?: Query): string {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== "") {
        search.set(key, String(value))
      }
    }
    const qs = search.toString()
    return `${this.baseUrl_}${path}${qs ? `?${qs}` : ""}`
  }

  protected retryDelay_(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) {
      return Math.min(retryAfterMs, this.maxRetryDelayMs_)
    }
    const full = Math.min(this.retryBaseDelayMs_ * 2 ** attempt, this.maxRetryDelayMs_)
    // Half fixed, half random, so several processes that failed together do not retry together.
    return Math.round(full / 2 + (Math.random() * full) / 2)
  }

  protected errorMessage_(text: string): string | undefined {
    if (!text.trim()) {
      return undefined
    }
    let message: string
    try {
      const body = JSON.parse(text) as { message?: unknown; errors?: unknown }
      const parts: string[] = []
      if (typeof body?.message === "string") {
        parts.push(body.message)
      }
      if (body?.errors && typeof body.errors === "object") {
        for (const value of Object.values(body.errors as Record<string, unknown>)) {
          parts.push(...(Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string"))
        }
      }
      message = [...new Set(parts)].join(" ")
    } catch {
      // HTML error pages from a proxy say nothing useful.
      return undefined
    }
    const clean = this.redact_(message).replace(/\s+/g, " ").trim()
    return clean ? clean.slice(0, MESSAGE_LIMIT) : undefined
  }

  protected redact_(text: string): string {
    return text.split(this.token_).join("[token]")
  }

  protected invalid_(endpoint: string, status: number, detail: string): MootaApiError {
    return new MootaApiError({
      message: `Moota ${endpoint}: ${detail}`,
      status,
      endpoint,
      retriable: false,
      code: "invalid_response",
    })
  }
}

function hasNextPage(answer: Paginated<unknown>): boolean {
  if (answer.data.length === 0) {
    return false
  }
  if (answer.next_page_url !== undefined) {
    return answer.next_page_url !== null && answer.next_page_url !== ""
  }
  if (answer.last_page !== undefined) {
    return answer.current_page < answer.last_page
  }
  return answer.per_page !== undefined && answer.data.length >= answer.per_page
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) {
    return undefined
  }
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000
  }
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
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
