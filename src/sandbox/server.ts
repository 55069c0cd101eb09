import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { sandboxWebhookInputSchema, type SandboxBankInput, type SandboxTransferInput, type SandboxWebhookInput } from "./inputs"
import { pushMutations } from "./push"
import { z } from "zod"
import { parseOrThrow, readJson } from "./http"
import { createRouter, tokenKey, API_PREFIX, type TokenScopes } from "./router"
import { FULL_SCOPE, newToken } from "./scopes"
import { bankRoutes } from "./routes/banks"
import { controlRoutes, receiveTransfer, snapshot, type SandboxTransferResult } from "./routes/controls"
import { mutationRoutes } from "./routes/mutations"
import { taggingRoutes } from "./routes/tagging"
import { payTransaction, transactionRoutes, type SandboxPayTransactionInput, type SandboxPayTransactionResult } from "./routes/transactions"
import { webhookRoutes } from "./routes/webhooks"
import { createSandboxState, setWebhooks, toWebhook, type SandboxContext, type SandboxDelivery, type SandboxState, type SandboxWebhook } from "./state"

/**
 * A local stand-in for Moota: the API v2 endpoints the plugin uses, with Moota's shapes and Bearer
 * auth, plus `/_sandbox/*` controls that simulate a bank transfer and push it as a signed webhook.
 * In-memory and loopback-only; it is a development and test tool, never exposed.
 */

export type { SandboxBankInput, SandboxTransferInput, SandboxWebhookInput, WebhookKinds } from "./inputs"
export type { SandboxTransferResult } from "./routes/controls"
export type { SandboxPayTransactionInput, SandboxPayTransactionResult } from "./routes/transactions"
export type {
  SandboxBank,
  SandboxDelivery,
  SandboxMutation,
  SandboxState,
  SandboxTag,
  SandboxTransaction,
  SandboxWebhook,
} from "./state"

export interface MootaSandboxOptions {
  /** Loopback only. */
  host?: "127.0.0.1" | "::1"
  /** 0 picks a free port. Default 0. */
  port?: number
  /** The Bearer token the API accepts, with every scope (`api`). */
  token: string
  /** More tokens with narrower scopes (sandbox/scopes.ts), e.g. `["mutation_read", "bank_read"]`. */
  tokens?: { token: string; scopes: string[] }[]
  banks: SandboxBankInput[]
  webhooks?: SandboxWebhookInput[]
  /** X-MOOTA-USER; a random hashid when absent. */
  userId?: string
  /** Clock for mutation times. */
  now?: () => Date
  /** Per webhook delivery. Default 10000. */
  deliveryTimeoutMs?: number
  /** Encode bodies like PHP's json_encode (`\/`, `\uXXXX`). Default true. */
  phpJson?: boolean
  /** One line per event; never secrets or bodies. */
  log?: (line: string) => void
}

export interface MootaSandbox {
  /** e.g. "http://127.0.0.1:4010". */
  url: string
  /** `${url}/api/v2`: the base URL to give a Moota client. */
  apiBaseUrl: string
  port: number
  /** Live state. Read it; change it only through the methods and endpoints. */
  state: SandboxState
  close(): Promise<void>
  receiveTransfer(input: SandboxTransferInput): Promise<SandboxTransferResult>
  /** The buyer pays a create-transaction payment (by trx id or VA number); pushed with `payment_detail`. */
  payTransaction(input: SandboxPayTransactionInput): Promise<SandboxPayTransactionResult>
  /** Delivers these mutations together, one array body per matching webhook. */
  pushMutations(mutationIds: string[]): Promise<SandboxDelivery[]>
  setWebhooks(webhooks: SandboxWebhookInput[]): SandboxWebhook[]
  /** A new token limited to these scopes (`POST /_sandbox/tokens {"scopes": [...]}` does the same). */
  issueToken(scopes: string[]): string
  /** The state as GET /_sandbox/state serves it: webhook secrets left out. */
  snapshot(): Record<string, unknown>
}

export async function createMootaSandbox(options: MootaSandboxOptions): Promise<MootaSandbox> {
  const host = options.host ?? "127.0.0.1"
  if (host !== "127.0.0.1" && host !== "::1") {
    throw new Error("The Moota sandbox listens on loopback only (127.0.0.1 or ::1)")
  }
  if (!options.token) {
    throw new Error("The Moota sandbox needs a token")
  }
  const now = options.now ?? (() => new Date())
  const closing = new AbortController()
  const ctx: SandboxContext = {
    state: createSandboxState(options.banks, options.userId, now()),
    now,
    log: options.log ?? (() => undefined),
    php: options.phpJson ?? true,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
    closing: closing.signal,
    baseUrl: "",
  }
  for (const webhook of options.webhooks ?? []) {
    ctx.state.webhooks.push(toWebhook(ctx, sandboxWebhookInputSchema.parse(webhook)))
  }

  const tokens: TokenScopes = new Map([[tokenKey(options.token), [FULL_SCOPE]]])
  for (const t of options.tokens ?? []) tokens.set(tokenKey(t.token), t.scopes)
  const issueToken = (scopes: string[]) => {
    const token = newToken()
    tokens.set(tokenKey(token), scopes)
    return token
  }
  const handle = createRouter(ctx, tokens, [
    ...bankRoutes(ctx),
    ...mutationRoutes(ctx),
    ...taggingRoutes(ctx),
    ...webhookRoutes(ctx),
    ...transactionRoutes(ctx),
    ...controlRoutes(ctx),
    {
      method: "POST",
      pattern: /^\/_sandbox\/tokens$/,
      auth: false,
      handler: async ({ req }) => {
        const { scopes } = parseOrThrow(z.object({ scopes: z.array(z.string().min(1)).min(1) }), await readJson(req))
        return [201, { token: issueToken(scopes), scopes }]
      },
    },
  ])
  const server = createServer((req, res) => {
    void handle(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  ctx.baseUrl = `http://${host === "::1" ? "[::1]" : host}:${port}`

  let closed: Promise<void> | undefined
  return {
    url: ctx.baseUrl,
    apiBaseUrl: `${ctx.baseUrl}${API_PREFIX}`,
    port,
    state: ctx.state,
    receiveTransfer: (input) => receiveTransfer(ctx, input),
    payTransaction: (input) => payTransaction(ctx, input),
    pushMutations: (mutationIds) => pushMutations(ctx, mutationIds),
    setWebhooks: (webhooks) => setWebhooks(ctx, webhooks),
    issueToken,
    snapshot: () => snapshot(ctx),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closed
    },
  }
}
