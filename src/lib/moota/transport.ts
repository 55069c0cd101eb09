import type { z } from "zod"
import { MootaApiError } from "./errors"

/**
 * One HTTP call to Moota API v2 with what every call needs: Bearer auth, a timeout per attempt,
 * retries with backoff for 429, 5xx, timeouts and network errors only, the answer checked against a
 * schema, and errors that never carry the token or a query string.
 */

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

export type Query = Record<string, string | number | undefined>

export interface RequestSpec<S extends z.ZodType> {
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
const MESSAGE_LIMIT = 300

export class MootaTransport {
  private readonly baseUrl_: string
  private readonly token_: string
  private readonly timeoutMs_: number
  private readonly maxRetries_: number
  private readonly retryBaseDelayMs_: number
  private readonly maxRetryDelayMs_: number
  private readonly fetch_: typeof fetch
  private readonly sleep_: (ms: number) => Promise<void>

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

  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.infer<S>> {
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

  private async attempt_<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.infer<S>> {
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
          : `Moota ${endpoint} failed: ${this.redact_(reason)}. Moota was not reached at ${this.baseUrl_}: check the ` +
            "server's internet connection and the plugin's apiBaseUrl option (leave it unset for Moota itself; set it only for the sandbox)",
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
        errorFields: errorFields(text),
        retryAfterMs: retriable ? parseRetryAfter(response.headers.get("retry-after")) : undefined,
      })
    }

    let json: unknown
    try {
      json = text.trim() === "" ? undefined : JSON.parse(text)
    } catch {
      throw invalidAnswer(endpoint, response.status, "the answer is not JSON")
    }
    const parsed = spec.schema.safeParse(json)
    if (!parsed.success) {
      // Paths and messages only: values could be account numbers.
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ")
      throw invalidAnswer(endpoint, response.status, `unexpected answer shape (${where})`)
    }
    return parsed.data
  }

  private url_(path: string, query?: Query): string {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== "") {
        search.set(key, String(value))
      }
    }
    const qs = search.toString()
    return `${this.baseUrl_}${path}${qs ? `?${qs}` : ""}`
  }

  private retryDelay_(attempt: number, retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) {
      return Math.min(retryAfterMs, this.maxRetryDelayMs_)
    }
    const full = Math.min(this.retryBaseDelayMs_ * 2 ** attempt, this.maxRetryDelayMs_)
    // Half fixed, half random, so several processes that failed together do not retry together.
    return Math.round(full / 2 + (Math.random() * full) / 2)
  }

  private errorMessage_(text: string): string | undefined {
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

  private redact_(text: string): string {
    return text.split(this.token_).join("[token]")
  }
}

function invalidAnswer(endpoint: string, status: number, detail: string): MootaApiError {
  return new MootaApiError({
    message: `Moota ${endpoint}: ${detail}`,
    status,
    endpoint,
    retriable: false,
    code: "invalid_response",
  })
}

/** The keys of a Laravel validation answer's `errors` object (field names only, never values). */
function errorFields(text: string): string[] | undefined {
  try {
    const body = JSON.parse(text) as { errors?: unknown }
    if (body?.errors && typeof body.errors === "object" && !Array.isArray(body.errors)) {
      const keys = Object.keys(body.errors).map((k) => k.slice(0, 80))
      return keys.length ? keys.slice(0, 20) : undefined
    }
  } catch {
    // Not JSON: no fields to name.
  }
  return undefined
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
