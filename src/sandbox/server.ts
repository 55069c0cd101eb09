import { createHash, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { z } from "zod"
import { signMootaBody } from "../lib/signature"
import {
  HttpError,
  maskUrl,
  notFound,
  parseOrThrow,
  postRaw,
  readJson,
  sendJson,
  validationError,
} from "./http"
import {
  bankJson,
  encodeJson,
  hashid,
  mutationJson,
  parseWibInput,
  sandboxBankInputSchema,
  sandboxWebhookInputSchema,
  transferInputSchema,
  webhookCreateSchema,
  webhookJson,
  webhookMatches,
  wibDateTime,
  type SandboxBankInput,
  type SandboxDelivery,
  type SandboxMutation,
  type SandboxState,
  type SandboxTransferInput,
  type SandboxWebhook,
  type SandboxWebhookInput,
} from "./state"

/**
 * A local stand-in for Moota: the API v2 endpoints the plugin uses, with Moota's shapes and Bearer
 * auth, plus `/_sandbox/*` controls that simulate a bank transfer and push it as a signed webhook.
 * In-memory and loopback-only; it is a development and test tool, never exposed.
 */

export type {
  SandboxBank,
  SandboxBankInput,
  SandboxDelivery,
  SandboxMutation,
  SandboxState,
  SandboxTag,
  SandboxTransferInput,
  SandboxWebhook,
  SandboxWebhookInput,
  WebhookKinds,
} from "./state"

export interface MootaSandboxOptions {
  /** Loopback only. */
  host?: "127.0.0.1" | "::1"
  /** 0 picks a free port. Default 0. */
  port?: number
  /** The Bearer token the API accepts. */
  token: string
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

export interface SandboxTransferResult {
  /** As a webhook carries it. */
  mutation: Record<string, unknown>
  deliveries: SandboxDelivery[]
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
  /** Delivers these mutations together, one array body per matching webhook. */
  pushMutations(mutationIds: string[]): Promise<SandboxDelivery[]>
  setWebhooks(webhooks: SandboxWebhookInput[]): SandboxWebhook[]
  /** The state as GET /_sandbox/state serves it: webhook secrets left out. */
  snapshot(): Record<string, unknown>
}

const API_PREFIX = "/api/v2"
const DEFAULT_PER_PAGE = 20
const MAX_PER_PAGE = 100
const USER_AGENT = "MootaBot/1.5"

type Handler = (ctx: {
  req: IncomingMessage
  params: string[]
  query: URLSearchParams
  path: string
}) => Promise<[number, unknown]>

interface Route {
  method: string
  pattern: RegExp
  auth: boolean
  handler: Handler
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
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? 10_000
  const php = options.phpJson ?? true
  const log = options.log ?? (() => undefined)
  const closing = new AbortController()
  const tokenDigest = digest(options.token)

  const created = wibDateTime(now())
  const state: SandboxState = {
    user_id: options.userId ?? hashid(),
    banks: z
      .array(sandboxBankInputSchema)
      .parse(options.banks)
      .map((b) => ({
        ...b,
        token: b.bank_id,
        username: "sandbox",
        balance: 0,
        is_active: true,
        interval_refresh: 15,
        created_at: created,
        last_update: now().toISOString(),
      })),
    mutations: [],
    deliveries: [],
    refresh_counts: {},
    tags: [],
    webhooks: [],
  }
  const bankIds = new Set(state.banks.map((b) => b.bank_id))
  if (bankIds.size !== state.banks.length) {
    throw new Error("The Moota sandbox needs distinct bank_id values")
  }

  let baseUrl = ""

  const bankOf = (bankId: string) => {
    const bank = state.banks.find((b) => b.bank_id === bankId)
    if (!bank) {
      throw new Error(`unknown bank ${bankId}`)
    }
    return bank
  }
  const mutationOf = (mutationId: string): SandboxMutation => {
    const mutation = state.mutations.find((m) => m.mutation_id === mutationId)
    if (!mutation) {
      throw notFound("Mutation not found.")
    }
    return mutation
  }
  const apiMutation = (m: SandboxMutation) => mutationJson(m, bankOf(m.bank_id), "api")

  function toWebhook(input: z.output<typeof sandboxWebhookInputSchema>): SandboxWebhook {
    if (input.bank_account_id && !bankIds.has(input.bank_account_id)) {
      throw validationError({ bank_account_id: ["The selected bank account id is invalid."] })
    }
    const webhook: SandboxWebhook = {
      webhook_id: input.id ?? hashid(),
      url: input.url,
      secret_token: input.secret,
      bank_account_id: input.bank_account_id || null,
      kinds: input.kinds ?? "both",
      start_unique_code: input.start_unique_code ?? 0,
      end_unique_code: input.end_unique_code ?? 999,
      created_at: wibDateTime(now()),
    }
    if (webhook.start_unique_code > webhook.end_unique_code) {
      throw validationError({ start_unique_code: ["The start unique code must not exceed the end unique code."] })
    }
    return webhook
  }

  function setWebhooks(webhooks: SandboxWebhookInput[]): SandboxWebhook[] {
    const list = parseOrThrow(z.array(sandboxWebhookInputSchema), webhooks).map(toWebhook)
    state.webhooks.splice(0, state.webhooks.length, ...list)
    return list
  }

  async function deliver(webhook: SandboxWebhook, mutations: SandboxMutation[]): Promise<SandboxDelivery> {
    const body = Buffer.from(
      encodeJson(
        mutations.map((m) => mutationJson(m, bankOf(m.bank_id), "webhook")),
        php
      ),
      "utf8"
    )
    const started = Date.now()
    const result = await postRaw(
      webhook.url,
      {
        "Content-Type": "application/json",
        Accept: "application/json",
        "User-Agent": USER_AGENT,
        "X-MOOTA-USER": state.user_id,
        "X-MOOTA-WEBHOOK": webhook.webhook_id,
        Signature: signMootaBody(body, webhook.secret_token),
      },
      body,
      deliveryTimeoutMs,
      closing.signal
    )
    const delivery: SandboxDelivery = {
      webhook_id: webhook.webhook_id,
      url: maskUrl(webhook.url),
      mutation_ids: mutations.map((m) => m.mutation_id),
      status: result.status,
      ...(result.error ? { error: result.error } : {}),
      delivered_at: now().toISOString(),
      duration_ms: Date.now() - started,
    }
    state.deliveries.push(delivery)
    log(
      `delivery to webhook ${webhook.webhook_id} (${delivery.url}) of ${delivery.mutation_ids.join(", ")}: ` +
        (result.status ?? result.error)
    )
    return delivery
  }

  async function push(mutations: SandboxMutation[]): Promise<SandboxDelivery[]> {
    const jobs = state.webhooks
      .map((webhook) => ({ webhook, items: mutations.filter((m) => webhookMatches(webhook, m)) }))
      .filter((job) => job.items.length > 0)
    return Promise.all(jobs.map((job) => deliver(job.webhook, job.items)))
  }

  async function pushMutations(mutationIds: string[]): Promise<SandboxDelivery[]> {
    return push(mutationIds.map(mutationOf))
  }

  async function receiveTransfer(raw: SandboxTransferInput): Promise<SandboxTransferResult> {
    const input = parseOrThrow(transferInputSchema, raw)
    const bank = state.banks.find((b) => b.bank_id === input.bank_id)
    if (!bank) {
      throw validationError({ bank_id: ["The selected bank id is invalid."] })
    }
    const recordedAt = wibDateTime(now())
    const date = input.date === undefined ? recordedAt : parseWibInput(input.date)
    if (date === null) {
      throw validationError({ date: ['The date must be "YYYY-MM-DD HH:mm:ss" (WIB), "YYYY-MM-DD", or ISO with a zone.'] })
    }
    bank.balance += input.type === "CR" ? input.amount : -input.amount
    bank.last_update = now().toISOString()
    let mutationId = hashid()
    while (state.mutations.some((m) => m.mutation_id === mutationId)) {
      mutationId = hashid()
    }
    const mutation: SandboxMutation = {
      mutation_id: mutationId,
      bank_id: bank.bank_id,
      type: input.type,
      amount: input.amount,
      description: input.description ?? defaultDescription(input.type, input.amount, date),
      note: "",
      date,
      created_at: recordedAt,
      updated_at: recordedAt,
      balance: bank.balance,
      taggings: [],
      amount_as_string: input.amount_as_string,
    }
    state.mutations.push(mutation)
    log(`mutation ${mutation.mutation_id}: ${mutation.type} ${mutation.amount} on ${bank.bank_id}`)
    const deliveries = input.push ? await push([mutation]) : []
    return { mutation: mutationJson(mutation, bank, "webhook"), deliveries }
  }

  function snapshot(): Record<string, unknown> {
    return {
      user_id: state.user_id,
      banks: state.banks.map(bankJson),
      mutations: state.mutations.map(apiMutation),
      deliveries: state.deliveries,
      refresh_counts: state.refresh_counts,
      tags: state.tags,
      webhooks: state.webhooks.map(webhookJson),
    }
  }

  function paginate<T>(items: T[], query: URLSearchParams, path: string): Record<string, unknown> {
    const perPage = Math.min(intParam(query, "per_page") ?? DEFAULT_PER_PAGE, MAX_PER_PAGE)
    const page = intParam(query, "page") ?? 1
    const total = items.length
    const lastPage = Math.max(1, Math.ceil(total / perPage))
    const data = items.slice((page - 1) * perPage, page * perPage)
    const pageUrl = (n: number) => {
      const u = new URL(`${baseUrl}${path}`)
      query.forEach((value, key) => u.searchParams.set(key, value))
      u.searchParams.set("page", String(n))
      return u.toString()
    }
    const from = data.length ? (page - 1) * perPage + 1 : null
    return {
      current_page: page,
      data,
      first_page_url: pageUrl(1),
      from,
      last_page: lastPage,
      last_page_url: pageUrl(lastPage),
      next_page_url: page < lastPage ? pageUrl(page + 1) : null,
      path: `${baseUrl}${path}`,
      per_page: perPage,
      prev_page_url: page > 1 ? pageUrl(page - 1) : null,
      to: from === null ? null : from + data.length - 1,
      total,
    }
  }

  const routes: Route[] = [
    {
      method: "GET",
      pattern: /^\/api\/v2\/bank$/,
      auth: true,
      handler: async ({ query, path }) => [200, paginate(state.banks.map(bankJson), query, path)],
    },
    {
      method: "GET",
      pattern: /^\/api\/v2\/mutation$/,
      auth: true,
      handler: async ({ query, path }) => {
        const filters = parseMutationQuery(query)
        const items = state.mutations
          .map((m, index) => ({ m, index }))
          .filter(({ m }) => matchesQuery(m, filters))
          // Newest first (inferred: Moota's dashboard order; the API's order is undocumented).
          .sort((a, b) => (a.m.date === b.m.date ? b.index - a.index : a.m.date < b.m.date ? 1 : -1))
          .map(({ m }) => apiMutation(m))
        return [200, paginate(items, query, path)]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/bank\/([^/]+)\/refresh$/,
      auth: true,
      handler: async ({ params }) => {
        const bankId = params[0]
        if (!bankIds.has(bankId)) {
          throw notFound("Bank not found.")
        }
        state.refresh_counts[bankId] = (state.refresh_counts[bankId] ?? 0) + 1
        return [200, { status: true, message: "Bank refresh has been queued." }]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/tagging$/,
      auth: true,
      handler: async ({ req }) => {
        const { name } = parseOrThrow(z.object({ name: z.string().trim().min(1).max(100) }), await readJson(req))
        if (state.tags.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
          throw validationError({ name: ["The name has already been taken."] })
        }
        const tag = { tag_id: hashid(), name }
        state.tags.push(tag)
        return [200, { ...tag }]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/tagging\/mutation\/([^/]+)$/,
      auth: true,
      handler: async ({ req, params }) => {
        const mutation = mutationOf(params[0])
        const { name } = parseOrThrow(
          z.object({ name: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) }),
          await readJson(req)
        )
        const names = Array.isArray(name) ? name : [name]
        const tags = names.map((n) => state.tags.find((t) => t.name.toLowerCase() === n.toLowerCase()))
        const missing = names.filter((_, i) => !tags[i])
        if (missing.length) {
          throw validationError({ name: [`The selected name is invalid: ${missing.join(", ")}.`] })
        }
        for (const tag of tags) {
          if (tag && !mutation.taggings.some((t) => t.tag_id === tag.tag_id)) {
            mutation.taggings.push({ ...tag })
          }
        }
        mutation.updated_at = wibDateTime(now())
        return [200, { status: true, message: "Tags attached.", data: mutation.taggings }]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/mutation\/([^/]+)\/note$/,
      auth: true,
      handler: async ({ req, params }) => {
        const mutation = mutationOf(params[0])
        const { note } = parseOrThrow(z.object({ note: z.string().max(255) }), await readJson(req))
        mutation.note = note
        mutation.updated_at = wibDateTime(now())
        return [200, apiMutation(mutation)]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/mutation\/([^/]+)\/webhook$/,
      auth: true,
      handler: async ({ params }) => {
        const mutation = mutationOf(params[0])
        await push([mutation])
        return [200, { status: true, message: "Webhook has been sent." }]
      },
    },
    {
      method: "GET",
      pattern: /^\/api\/v2\/integration\/webhook$/,
      auth: true,
      handler: async ({ query, path }) => [200, paginate(state.webhooks.map(webhookJson), query, path)],
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/integration\/webhook$/,
      auth: true,
      handler: async ({ req }) => {
        const body = parseOrThrow(webhookCreateSchema, await readJson(req))
        const webhook = toWebhook({
          url: body.url,
          secret: body.secret_token,
          kinds: body.kinds,
          start_unique_code: body.start_unique_code,
          end_unique_code: body.end_unique_code,
          bank_account_id: body.bank_account_id,
        })
        state.webhooks.push(webhook)
        return [200, webhookJson(webhook)]
      },
    },
    {
      method: "DELETE",
      pattern: /^\/api\/v2\/integration\/webhook\/([^/]+)$/,
      auth: true,
      handler: async ({ params }) => {
        const index = state.webhooks.findIndex((w) => w.webhook_id === params[0])
        if (index < 0) {
          throw notFound("Webhook not found.")
        }
        state.webhooks.splice(index, 1)
        return [200, { status: true, message: "Webhook deleted." }]
      },
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/transfer$/,
      auth: false,
      handler: async ({ req }) => [201, await receiveTransfer((await readJson(req)) as SandboxTransferInput)],
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/push$/,
      auth: false,
      handler: async ({ req }) => {
        const { mutation_ids } = parseOrThrow(
          z.object({ mutation_ids: z.array(z.string().min(1)).min(1) }),
          await readJson(req)
        )
        return [200, { deliveries: await pushMutations(mutation_ids) }]
      },
    },
    {
      method: "GET",
      pattern: /^\/_sandbox\/state$/,
      auth: false,
      handler: async () => [200, snapshot()],
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/webhooks$/,
      auth: false,
      handler: async ({ req }) => {
        const body = await readJson(req)
        const list = Array.isArray(body) ? body : (body as { webhooks?: unknown }).webhooks
        return [200, { webhooks: setWebhooks(list as SandboxWebhookInput[]).map(webhookJson) }]
      },
    },
    {
      // Arbitrary bytes with Moota's headers, e.g. the dashboard's "Check URL" (empty body, no
      // signature) or a tampered body; signed only when a secret is given.
      method: "POST",
      pattern: /^\/_sandbox\/deliver-raw$/,
      auth: false,
      handler: async ({ req }) => {
        const input = parseOrThrow(
          z.object({
            url: z.string().regex(/^https?:\/\/\S+$/),
            body: z.string().default(""),
            secret: z.string().min(1).optional(),
            webhook_id: z.string().optional(),
          }),
          await readJson(req)
        )
        const body = Buffer.from(input.body, "utf8")
        const headers: Record<string, string> = {
          "Content-Type": "application/json",
          Accept: "application/json",
          "User-Agent": USER_AGENT,
          "X-MOOTA-USER": state.user_id,
        }
        if (input.webhook_id) {
          headers["X-MOOTA-WEBHOOK"] = input.webhook_id
        }
        if (input.secret) {
          headers.Signature = signMootaBody(body, input.secret)
        }
        const result = await postRaw(input.url, headers, body, deliveryTimeoutMs, closing.signal)
        return [200, result]
      },
    },
  ]

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox")
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname
    try {
      if (path.startsWith(`${API_PREFIX}/`) && !authorized(req.headers.authorization, tokenDigest)) {
        throw new HttpError(401, { message: "Unauthenticated." })
      }
      for (const route of routes) {
        const match = route.pattern.exec(path)
        if (match && route.method === req.method) {
          const params = match.slice(1).map(decodeSegment)
          const [status, body] = await route.handler({ req, params, query: url.searchParams, path })
          sendJson(res, status, encodeJson(body, php))
          return
        }
      }
      throw notFound()
    } catch (e) {
      if (e instanceof HttpError) {
        sendJson(res, e.status, encodeJson(e.body, php))
      } else {
        log(`error on ${req.method} ${path}: ${(e as { message?: unknown } | null)?.message ?? String(e)}`)
        sendJson(res, 500, encodeJson({ message: "Server Error" }, php))
      }
    }
  }

  for (const webhook of options.webhooks ?? []) {
    state.webhooks.push(toWebhook(sandboxWebhookInputSchema.parse(webhook)))
  }

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
  baseUrl = `http://${host === "::1" ? "[::1]" : host}:${port}`

  let closed: Promise<void> | undefined
  return {
    url: baseUrl,
    apiBaseUrl: `${baseUrl}${API_PREFIX}`,
    port,
    state,
    receiveTransfer,
    pushMutations,
    setWebhooks,
    snapshot,
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

interface MutationQuery {
  bank?: string
  type?: string
  amount?: number
  start_date?: string
  end_date?: string
  note?: string
  tag?: string
}

function parseMutationQuery(query: URLSearchParams): MutationQuery {
  const get = (key: string) => {
    const value = query.get(key)
    return value === null || value === "" ? undefined : value
  }
  const errors: Record<string, string[]> = {}
  const type = get("type")?.toUpperCase()
  if (type !== undefined && type !== "CR" && type !== "DB") {
    errors.type = ["The selected type is invalid."]
  }
  const amountText = get("amount")
  if (amountText !== undefined && !/^\d+(\.\d+)?$/.test(amountText)) {
    errors.amount = ["The amount must be a number."]
  }
  for (const key of ["start_date", "end_date"]) {
    const value = get(key)
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      errors[key] = [`The ${key.replace("_", " ")} does not match the format Y-m-d.`]
    }
  }
  if (Object.keys(errors).length) {
    throw validationError(errors)
  }
  return {
    bank: get("bank"),
    type,
    amount: amountText === undefined ? undefined : Number(amountText),
    start_date: get("start_date"),
    end_date: get("end_date"),
    note: get("note"),
    tag: get("tag"),
  }
}

function matchesQuery(m: SandboxMutation, q: MutationQuery): boolean {
  const day = m.date.slice(0, 10)
  return (
    (q.bank === undefined || m.bank_id === q.bank) &&
    (q.type === undefined || m.type === q.type) &&
    (q.amount === undefined || m.amount === q.amount) &&
    (q.start_date === undefined || day >= q.start_date) &&
    (q.end_date === undefined || day <= q.end_date) &&
    (q.note === undefined || m.note.toLowerCase().includes(q.note.toLowerCase())) &&
    (q.tag === undefined || m.taggings.some((t) => t.name.toLowerCase() === q.tag?.toLowerCase()))
  )
}

function intParam(query: URLSearchParams, key: string): number | undefined {
  const value = query.get(key)
  if (value === null || !/^\d+$/.test(value)) {
    return undefined
  }
  const n = Number(value)
  return n >= 1 ? n : undefined
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

function authorized(header: string | undefined, tokenDigest: Buffer): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "")
  return match !== null && timingSafeEqual(digest(match[1].trim()), tokenDigest)
}

function defaultDescription(type: "CR" | "DB", amount: number, date: string): string {
  const ddmm = `${date.slice(8, 10)}${date.slice(5, 7)}`
  return type === "CR"
    ? `TRSF E-BANKING CR ${ddmm}/FTSCY/WS95051 ${amount.toFixed(2)} PEMBELI SANDBOX`
    : `TRSF E-BANKING DB ${ddmm}/FTFVA/WS95031 ${amount.toFixed(2)} PEMBAYARAN SANDBOX`
}
