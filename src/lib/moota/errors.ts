/** What went wrong with a Moota call: an HTTP answer, no answer in time, no answer at all, or one we cannot read. */
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
  /** The field names of a Laravel validation answer (`errors: { field: [...] }`), e.g. `customers.phone`. */
  readonly errorFields?: string[]
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
    errorFields?: string[]
    retryAfterMs?: number
    cause?: unknown
  }) {
    super(init.message)
    this.status = init.status
    this.endpoint = init.endpoint
    this.retriable = init.retriable
    this.code = init.code
    this.responseMessage = init.responseMessage
    this.errorFields = init.errorFields
    this.retryAfterMs = init.retryAfterMs
    this.cause = init.cause
  }
}
