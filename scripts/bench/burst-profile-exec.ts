import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readFileSync } from "node:fs"
import { mootaMutationSchema } from "../../src/lib/moota/schemas"
import { toInboxInput } from "../../src/lib/moota/inbox-row"
import { MOOTA_MODULE } from "../../src/modules/moota"
import type MootaModuleService from "../../src/modules/moota/service"
import { confirmMootaMutationWorkflow } from "../../src/workflows/confirm-moota-mutation"

type Knex = { on(event: "query", fn: (q: { sql: string }) => void): void }
type Flow = { steps: Record<string, { startedAt?: number; definition?: { action?: string } }> }

/**
 * Run by scripts/bench/burst.js (BENCH_BURST_PROFILE=n) through `medusa exec`: where one confirmation's
 * time goes. Stores the mutations of n awaiting orders in the inbox, leases them (so the server leaves
 * them alone), then confirms them one after another as the scheduler would, recording per confirmation
 * its wall time, each workflow step's time (from one step's start to the next's) and the SQL statements
 * sent (counted by their first words and the tables they name). Prints one BURST_PROFILE_RESULT line.
 */
export default async function burstProfile({ container }: ExecArgs): Promise<void> {
  const mutations = JSON.parse(readFileSync(process.env.BENCH_BURST_PROFILE_FILE as string, "utf8")) as unknown[]
  const moota = container.resolve<MootaModuleService>(MOOTA_MODULE)
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  let counting = false
  const byKind = new Map<string, number>()
  let statements = 0
  knex.on("query", (q) => {
    if (!counting) {
      return
    }
    statements++
    const sql = q.sql.replace(/\s+/g, " ").trim()
    const verb = sql.split(" ")[0].toLowerCase()
    const table = /(?:from|into|update|join) "?([a-z_]+)"?/i.exec(sql)?.[1] ?? "-"
    const key = `${verb} ${table}`
    byKind.set(key, (byKind.get(key) ?? 0) + 1)
  })
  const ids = await moota.ingestMutations(
    mutations.map((m) => toInboxInput(mootaMutationSchema.parse(m))),
    "webhook"
  )
  await moota.leaseInboxCandidates(ids)
  const warmup = Math.min(3, ids.length - 1)
  const wall: number[] = []
  const steps = new Map<string, number[]>()
  let outcomes: Record<string, number> = {}
  for (const [i, id] of ids.entries()) {
    counting = i >= warmup
    const t0 = Date.now()
    const { result, transaction } = await confirmMootaMutationWorkflow(container).run({ input: { inbox_id: id } })
    const t1 = Date.now()
    if (i < warmup) {
      continue
    }
    wall.push(t1 - t0)
    outcomes = { ...outcomes, [result.outcome]: (outcomes[result.outcome] ?? 0) + 1 }
    const flow = (transaction as unknown as { getFlow(): Flow }).getFlow()
    const started = Object.values(flow.steps)
      .filter((s) => s.startedAt && s.definition?.action)
      .sort((a, b) => (a.startedAt as number) - (b.startedAt as number))
    started.forEach((s, k) => {
      const end = k + 1 < started.length ? (started[k + 1].startedAt as number) : t1
      const name = s.definition!.action as string
      steps.set(name, [...(steps.get(name) ?? []), end - (s.startedAt as number)])
    })
  }
  counting = false
  const n = wall.length
  const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 10) / 10
  const result = {
    n,
    outcomes,
    wall_ms_mean: mean(wall),
    statements_per_confirmation: Math.round((statements / Math.max(1, n)) * 10) / 10,
    steps_ms_mean: Object.fromEntries([...steps].map(([k, v]) => [k, mean(v)])),
    statements_by_kind: Object.fromEntries(
      [...byKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / Math.max(1, n)) * 10) / 10])
    ),
  }
  process.stdout.write(`BURST_PROFILE_RESULT ${JSON.stringify(result)}\n`)
}
