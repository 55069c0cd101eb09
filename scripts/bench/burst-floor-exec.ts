import type { ExecArgs } from "@medusajs/framework/types"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { PaymentActions } from "@medusajs/framework/utils"
import { readFileSync } from "node:fs"

/**
 * Run by scripts/bench/burst.js through `medusa exec`: the floor of a burst of confirmations, a bare
 * loop calling Medusa's own processPaymentWorkflow once per session, one after another, for sessions
 * whose Moota payments are already recorded as received (so the provider authorizes them as
 * captured, as it does for ours). Prints one BURST_FLOOR_RESULT line.
 */
export default async function burstFloor({ container }: ExecArgs): Promise<void> {
  const sessions = JSON.parse(readFileSync(process.env.BENCH_BURST_FLOOR_FILE as string, "utf8")) as {
    session_id: string
    amount: number
  }[]
  const warmup = Number(process.env.BENCH_BURST_FLOOR_WARMUP || 10)
  const latencies: number[] = []
  let started = 0
  for (const [i, s] of sessions.entries()) {
    if (i === warmup) {
      started = performance.now()
    }
    const t0 = performance.now()
    await processPaymentWorkflow(container).run({
      input: { action: PaymentActions.SUCCESSFUL, data: { session_id: s.session_id, amount: s.amount } },
    })
    if (i >= warmup) {
      latencies.push(performance.now() - t0)
    }
  }
  const wall = performance.now() - started
  process.stdout.write(`BURST_FLOOR_RESULT ${JSON.stringify({ n: latencies.length, wall_ms: wall, latencies })}\n`)
}
