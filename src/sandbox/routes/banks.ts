import { notFound } from "../http"
import type { Route } from "../router"
import { hasBank, type SandboxContext } from "../state"
import { bankJson, paginate } from "../wire"

/** `GET /bank` and "check now" (`POST /bank/{bank_id}/refresh`), counted per bank. */
export function bankRoutes(ctx: SandboxContext): Route[] {
  const { state } = ctx
  return [
    {
      method: "GET",
      pattern: /^\/api\/v2\/bank$/,
      auth: true,
      handler: async ({ query, path }) => [200, paginate(state.banks.map(bankJson), query, ctx.baseUrl, path)],
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/bank\/([^/]+)\/refresh$/,
      auth: true,
      handler: async ({ params }) => {
        const bankId = params[0]
        if (!hasBank(state, bankId)) {
          throw notFound("Bank not found.")
        }
        state.refresh_counts[bankId] = (state.refresh_counts[bankId] ?? 0) + 1
        return [200, { status: true, message: "Bank refresh has been queued." }]
      },
    },
  ]
}
