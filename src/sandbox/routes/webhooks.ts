import { notFound, parseOrThrow, readJson } from "../http"
import { webhookCreateSchema } from "../inputs"
import type { Route } from "../router"
import { toWebhook, type SandboxContext } from "../state"
import { paginate, webhookJson } from "../wire"

/** `/integration/webhook`: list, create and delete the webhooks deliveries go to. */
export function webhookRoutes(ctx: SandboxContext): Route[] {
  const { state } = ctx
  return [
    {
      method: "GET",
      pattern: /^\/api\/v2\/integration\/webhook$/,
      auth: true,
      handler: async ({ query, path }) => [200, paginate(state.webhooks.map(webhookJson), query, ctx.baseUrl, path)],
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/integration\/webhook$/,
      auth: true,
      handler: async ({ req }) => {
        const body = parseOrThrow(webhookCreateSchema, await readJson(req))
        const webhook = toWebhook(ctx, {
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
  ]
}
