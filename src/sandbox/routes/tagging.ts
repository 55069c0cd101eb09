import { z } from "zod"
import { newMootaId } from "../../lib/moota"
import { toMootaDateTime } from "../../lib/wib"
import { parseOrThrow, readJson, validationError } from "../http"
import type { Route } from "../router"
import { mutationOf, type SandboxContext } from "../state"

/** Tags: created first (`POST /tagging`), then attached to a mutation by name. */
export function taggingRoutes(ctx: SandboxContext): Route[] {
  const { state } = ctx
  return [
    {
      method: "POST",
      pattern: /^\/api\/v2\/tagging$/,
      auth: true,
      handler: async ({ req }) => {
        const { name } = parseOrThrow(z.object({ name: z.string().trim().min(1).max(100) }), await readJson(req))
        if (state.tags.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
          throw validationError({ name: ["The name has already been taken."] })
        }
        const tag = { tag_id: newMootaId(), name }
        state.tags.push(tag)
        return [200, { ...tag }]
      },
    },
    {
      method: "POST",
      pattern: /^\/api\/v2\/tagging\/mutation\/([^/]+)$/,
      auth: true,
      handler: async ({ req, params }) => {
        const mutation = mutationOf(state, params[0])
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
        mutation.updated_at = toMootaDateTime(ctx.now())
        return [200, { status: true, message: "Tags attached.", data: mutation.taggings }]
      },
    },
  ]
}
