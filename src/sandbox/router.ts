import { createHash } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { HttpError, notFound, RawBody, sendJson, sendRaw } from "./http"
import { scopesAllow } from "./scopes"
import type { SandboxContext } from "./state"
import { encodeJson } from "./wire"

/** Dispatches a request to its route: Bearer auth on the API, Laravel-style errors, PHP-style JSON. */

export const API_PREFIX = "/api/v2"

export type Handler = (request: {
  req: IncomingMessage
  params: string[]
  query: URLSearchParams
  path: string
}) => Promise<[number, unknown]>

export interface Route {
  method: string
  pattern: RegExp
  /** Only the `/api/v2` routes need the token; the `/_sandbox` controls are open on loopback. */
  auth: boolean
  handler: Handler
}

/**
 * The tokens the API accepts and their scopes (scopes.ts), by SHA-256 of the token so the lookup
 * does not compare secrets byte by byte.
 */
export type TokenScopes = Map<string, readonly string[]>

export function tokenKey(token: string): string {
  return digest(token).toString("hex")
}

export function createRouter(
  ctx: SandboxContext,
  tokens: TokenScopes,
  routes: Route[]
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox")
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname
    try {
      if (path.startsWith(`${API_PREFIX}/`)) {
        const scopes = scopesOf(req.headers.authorization, tokens)
        if (!scopes) throw new HttpError(401, { message: "Unauthenticated." })
        if (!scopesAllow(scopes, req.method ?? "GET", path)) throw new HttpError(403, { message: "Invalid scope(s) provided." })
      }
      for (const route of routes) {
        const match = route.pattern.exec(path)
        if (match && route.method === req.method) {
          const params = match.slice(1).map(decodeSegment)
          const [status, body] = await route.handler({ req, params, query: url.searchParams, path })
          if (body instanceof RawBody) {
            sendRaw(res, status, body)
          } else {
            sendJson(res, status, encodeJson(body, ctx.php))
          }
          return
        }
      }
      throw notFound()
    } catch (e) {
      if (e instanceof HttpError) {
        sendJson(res, e.status, encodeJson(e.body, ctx.php))
      } else {
        ctx.log(`error on ${req.method} ${path}: ${(e as { message?: unknown } | null)?.message ?? String(e)}`)
        sendJson(res, 500, encodeJson({ message: "Server Error" }, ctx.php))
      }
    }
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw notFound()
  }
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest()
}

function scopesOf(header: string | undefined, tokens: TokenScopes): readonly string[] | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "")
  return match ? (tokens.get(tokenKey(match[1].trim())) ?? null) : null
}
