import { z } from "zod"
import { toMootaDateTime } from "../../lib/wib"
import { parseOrThrow, readJson, validationError } from "../http"
import { push } from "../push"
import type { Route } from "../router"
import { bankOf, mutationOf, type SandboxContext, type SandboxMutation } from "../state"
import { mutationJson, paginate } from "../wire"

/** `GET /mutation` with Moota's filters, a note on a mutation, and a re-push to the webhooks. */
export function mutationRoutes(ctx: SandboxContext): Route[] {
  const { state } = ctx
  const apiMutation = (m: SandboxMutation) => mutationJson(m, bankOf(state, m.bank_id), "api")
  return [
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
        return [200, paginate(items, query, ctx.baseUrl, path)]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/mutation\/([^/]+)\/note$/,
      auth: true,
      handler: async ({ req, params }) => {
        const mutation = mutationOf(state, params[0])
        const { note } = parseOrThrow(z.object({ note: z.string().max(255) }), await readJson(req))
        mutation.note = note
        mutation.updated_at = toMootaDateTime(ctx.now())
        return [200, apiMutation(mutation)]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/mutation\/([^/]+)\/webhook$/,
      auth: true,
      handler: async ({ params }) => {
        await push(ctx, [mutationOf(state, params[0])])
        return [200, { status: true, message: "Webhook has been sent." }]
      },
    },
  ]
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
