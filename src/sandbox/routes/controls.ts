import { z } from "zod"
import type { MootaWebhookMutation } from "../../lib/moota"
import { parseOrThrow, readJson } from "../http"
import type { SandboxTransferInput, SandboxWebhookInput } from "../inputs"
import { deliverRaw, push, pushMutations } from "../push"
import type { Route } from "../router"
import { bankOf, recordTransfer, setWebhooks, type SandboxContext, type SandboxDelivery } from "../state"
import { bankJson, mutationJson, webhookJson } from "../wire"

/** The sandbox's own `/_sandbox/*` controls: simulate a transfer, push, inspect, rewire, deliver raw bytes. */

export interface SandboxTransferResult {
  /** As a webhook carries it. */
  mutation: MootaWebhookMutation
  deliveries: SandboxDelivery[]
}

/** A transfer arrives on an account and, unless told otherwise, is pushed to the matching webhooks. */
export async function receiveTransfer(ctx: SandboxContext, raw: SandboxTransferInput): Promise<SandboxTransferResult> {
  const { mutation, bank, push: pushNow } = recordTransfer(ctx, raw)
  const deliveries = pushNow ? await push(ctx, [mutation]) : []
  return { mutation: mutationJson(mutation, bank, "webhook"), deliveries }
}

/** The state as GET /_sandbox/state serves it: webhook secrets left out. */
export function snapshot(ctx: SandboxContext): Record<string, unknown> {
  const { state } = ctx
  return {
    user_id: state.user_id,
    banks: state.banks.map(bankJson),
    mutations: state.mutations.map((m) => mutationJson(m, bankOf(state, m.bank_id), "api")),
    deliveries: state.deliveries,
    refresh_counts: state.refresh_counts,
    tags: state.tags,
    webhooks: state.webhooks.map(webhookJson),
    transactions: state.transactions.map(({ customer: _buyer, ...t }) => t),
  }
}

export function controlRoutes(ctx: SandboxContext): Route[] {
  return [
    {
      method: "POST",
      pattern: /^\/_sandbox\/transfer$/,
      auth: false,
      handler: async ({ req }) => [201, await receiveTransfer(ctx, (await readJson(req)) as SandboxTransferInput)],
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
        return [200, { deliveries: await pushMutations(ctx, mutation_ids) }]
      },
    },
    {
      method: "GET",
      pattern: /^\/_sandbox\/state$/,
      auth: false,
      handler: async () => [200, snapshot(ctx)],
    },
    {
      method: "POST",
      pattern: /^\/_sandbox\/webhooks$/,
      auth: false,
      handler: async ({ req }) => {
        const body = await readJson(req)
        const list = Array.isArray(body) ? body : (body as { webhooks?: unknown }).webhooks
        return [200, { webhooks: setWebhooks(ctx, list as SandboxWebhookInput[]).map(webhookJson) }]
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
        return [200, await deliverRaw(ctx, input)]
      },
    },
  ]
}
