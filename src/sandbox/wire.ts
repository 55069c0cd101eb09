import { buildMootaMutation, type MootaWebhookMutation } from "../lib/moota"
import type { SandboxBank, SandboxMutation, SandboxWebhook } from "./state"

/** The sandbox's records shaped into Moota's JSON. */

const DEFAULT_PER_PAGE = 20
const MAX_PER_PAGE = 100

const money = (n: number): string => n.toFixed(2)

export function bankJson(bank: SandboxBank): Record<string, unknown> {
  return {
    corporate_id: null,
    username: bank.username,
    atas_nama: bank.atas_nama,
    balance: money(bank.balance),
    account_number: bank.account_number,
    bank_type: bank.bank_type,
    login_retry: 0,
    meta: null,
    interval_refresh: bank.interval_refresh,
    is_active: bank.is_active,
    in_queue: 0,
    in_progress: 0,
    created_at: bank.created_at,
    token: bank.token,
    bank_id: bank.bank_id,
    label: bank.label,
    last_update: bank.last_update,
  }
}

/**
 * A mutation as Moota shapes it. Webhooks send amounts as JSON numbers (or numeric strings);
 * `GET /mutation` sends two-decimal strings.
 */
export function mutationJson(mutation: SandboxMutation, bank: SandboxBank, shape: "webhook" | "api"): MootaWebhookMutation {
  const api = shape === "api"
  return buildMootaMutation({
    bank_id: mutation.bank_id,
    amount: api ? money(mutation.amount) : mutation.amount_as_string ? String(mutation.amount) : mutation.amount,
    type: mutation.type,
    mutation_id: mutation.mutation_id,
    description: mutation.description,
    note: mutation.note,
    date: mutation.date,
    created_at: mutation.created_at,
    updated_at: mutation.updated_at,
    account_number: bank.account_number,
    balance: api ? money(mutation.balance) : mutation.balance,
    taggings: mutation.taggings.map((t) => ({ ...t })),
    bank: bankJson(bank),
    ...(mutation.payment_detail ? { payment_detail: mutation.payment_detail } : {}),
  })
}

export function webhookJson(webhook: SandboxWebhook): Record<string, unknown> {
  // The secret is the caller's to remember; the sandbox never hands it out again.
  return {
    webhook_id: webhook.webhook_id,
    url: webhook.url,
    bank_account_id: webhook.bank_account_id,
    kinds: webhook.kinds,
    start_unique_code: webhook.start_unique_code,
    end_unique_code: webhook.end_unique_code,
    created_at: webhook.created_at,
  }
}

/**
 * JSON the way PHP's json_encode writes it by default (inferred for Moota, a Laravel service):
 * `/` as `\/` and non-ASCII as `\uXXXX`. Receivers that re-serialise instead of hashing the raw
 * bytes then fail, as they would against the real service.
 */
export function encodeJson(value: unknown, php: boolean): string {
  const json = JSON.stringify(value)
  if (!php) {
    return json
  }
  // Outside strings JSON has neither `/` nor non-ASCII characters, so these replacements only touch strings.
  return json
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
}

/** Laravel's paginator envelope over `items`, with page links on `baseUrl`. */
export function paginate<T>(items: T[], query: URLSearchParams, baseUrl: string, path: string): Record<string, unknown> {
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

function intParam(query: URLSearchParams, key: string): number | undefined {
  const value = query.get(key)
  if (value === null || !/^\d+$/.test(value)) {
    return undefined
  }
  const n = Number(value)
  return n >= 1 ? n : undefined
}
