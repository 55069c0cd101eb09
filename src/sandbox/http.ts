import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http"
import { request as httpsRequest } from "node:https"
import type { z } from "zod"

/** Small HTTP plumbing for the sandbox: JSON in and out, Laravel-style errors, raw POSTs. */

const MAX_BODY_BYTES = 1024 * 1024

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>
  ) {
    super(typeof body.message === "string" ? body.message : `HTTP ${status}`)
  }
}

export const notFound = (message = "Not Found."): HttpError => new HttpError(404, { message })

/** Laravel's validation answer: 422 with a message and per-field lists. */
export function validationError(errors: Record<string, string[]>): HttpError {
  const first = Object.values(errors)[0]?.[0]
  return new HttpError(422, { message: first ?? "The given data was invalid.", errors })
}

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) {
    return parsed.data
  }
  const errors: Record<string, string[]> = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".") || "body"
    ;(errors[field] ??= []).push(`${field}: ${issue.message}`)
  }
  throw validationError(errors)
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, { message: "Payload too large." })
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString("utf8")
  if (text.trim() === "") {
    return {}
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, { message: "The body is not valid JSON." })
  }
}

/** A page or an image a route answers instead of JSON (the sandbox's payment page and QR). */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly body: string | Buffer
  ) {}
}

export function sendRaw(res: ServerResponse, status: number, raw: RawBody): void {
  res.writeHead(status, {
    "Content-Type": raw.contentType,
    "Content-Length": Buffer.byteLength(raw.body),
    "Cache-Control": "no-cache, private",
  })
  res.end(raw.body)
}

export function sendJson(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-cache, private",
  })
  res.end(json)
}

export interface RawPostResult {
  status: number | null
  error?: string
}

/**
 * POSTs exact bytes with exact headers (fetch would add its own), without keep-alive so that
 * closing the sandbox leaves no sockets behind. Resolves with the status or the failure, never throws.
 */
export function postRaw(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
  signal: AbortSignal
): Promise<RawPostResult> {
  return new Promise((resolve) => {
    let target: URL
    try {
      target = new URL(url)
    } catch {
      resolve({ status: null, error: "invalid url" })
      return
    }
    const send = target.protocol === "https:" ? httpsRequest : httpRequest
    const req = send(target, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(body.length) },
      agent: false,
      signal,
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")))
    req.on("response", (res) => {
      res.resume()
      res.on("end", () => resolve({ status: res.statusCode ?? null }))
      res.on("error", () => resolve({ status: res.statusCode ?? null }))
    })
    req.on("error", (e) => {
      resolve({ status: null, error: signal.aborted ? "aborted" : e.message === "timeout" ? "timeout" : describe(e) })
    })
    req.end(body)
  })
}

function describe(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code
  return code ? `network error (${code})` : "network error"
}

/** Origin and path only: a webhook URL's query may carry a secret. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return "(invalid url)"
  }
}
