import { signMootaBody } from "../lib/signature"
import { maskUrl, postRaw, type RawPostResult } from "./http"
import { bankOf, mutationOf, type SandboxContext, type SandboxDelivery, type SandboxMutation, type SandboxWebhook } from "./state"
import { encodeJson, mutationJson } from "./wire"

/** The webhook sender: signed deliveries with Moota's headers, filtered the way Moota's webhooks filter. */

export const USER_AGENT = "MootaBot/1.5"

/** The last three digits of the whole-rupiah amount: what a webhook's unique-code range filters on. */
export function uniqueCodeOf(amount: number): number {
  return Math.floor(Math.abs(amount)) % 1000
}

export function webhookMatches(webhook: SandboxWebhook, mutation: SandboxMutation): boolean {
  if (webhook.bank_account_id && webhook.bank_account_id !== mutation.bank_id) {
    return false
  }
  if (webhook.kinds === "credit" && mutation.type !== "CR") {
    return false
  }
  if (webhook.kinds === "debit" && mutation.type !== "DB") {
    return false
  }
  if (mutation.payment_detail) {
    // Inferred: a create-transaction payment is Moota's own match, pushed whatever its last digits.
    return true
  }
  const code = uniqueCodeOf(mutation.amount)
  return code >= webhook.start_unique_code && code <= webhook.end_unique_code
}

/** Moota's delivery headers; signed only when a secret is given (the dashboard's "Check URL" is not). */
function deliveryHeaders(ctx: SandboxContext, body: Buffer, secret?: string, webhookId?: string): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    Accept: "application/json",
    "User-Agent": USER_AGENT,
    "X-MOOTA-USER": ctx.state.user_id,
  }
  if (webhookId) {
    headers["X-MOOTA-WEBHOOK"] = webhookId
  }
  if (secret) {
    headers.Signature = signMootaBody(body, secret)
  }
  return headers
}

async function deliver(ctx: SandboxContext, webhook: SandboxWebhook, mutations: SandboxMutation[]): Promise<SandboxDelivery> {
  const items = mutations.map((m) => mutationJson(m, bankOf(ctx.state, m.bank_id), "webhook"))
  const body = Buffer.from(encodeJson(items, ctx.php), "utf8")
  const started = Date.now()
  const headers = deliveryHeaders(ctx, body, webhook.secret_token, webhook.webhook_id)
  const result = await postRaw(webhook.url, headers, body, ctx.deliveryTimeoutMs, ctx.closing)
  const delivery: SandboxDelivery = {
    webhook_id: webhook.webhook_id,
    url: maskUrl(webhook.url),
    mutation_ids: mutations.map((m) => m.mutation_id),
    status: result.status,
    ...(result.error ? { error: result.error } : {}),
    delivered_at: ctx.now().toISOString(),
    duration_ms: Date.now() - started,
  }
  ctx.state.deliveries.push(delivery)
  ctx.log(
    `delivery to webhook ${webhook.webhook_id} (${delivery.url}) of ${delivery.mutation_ids.join(", ")}: ` +
      (result.status ?? result.error)
  )
  return delivery
}

/** One array body per webhook that takes any of these mutations, all webhooks at once. */
export async function push(ctx: SandboxContext, mutations: SandboxMutation[]): Promise<SandboxDelivery[]> {
  const jobs = ctx.state.webhooks
    .map((webhook) => ({ webhook, items: mutations.filter((m) => webhookMatches(webhook, m)) }))
    .filter((job) => job.items.length > 0)
  return Promise.all(jobs.map((job) => deliver(ctx, job.webhook, job.items)))
}

export async function pushMutations(ctx: SandboxContext, mutationIds: string[]): Promise<SandboxDelivery[]> {
  return push(ctx, mutationIds.map((id) => mutationOf(ctx.state, id)))
}

/** Arbitrary bytes with Moota's headers, e.g. an empty "Check URL" or a tampered body. */
export async function deliverRaw(
  ctx: SandboxContext,
  input: { url: string; body: string; secret?: string; webhook_id?: string }
): Promise<RawPostResult> {
  const body = Buffer.from(input.body, "utf8")
  const headers = deliveryHeaders(ctx, body, input.secret, input.webhook_id)
  return postRaw(input.url, headers, body, ctx.deliveryTimeoutMs, ctx.closing)
}
