import type { ExecArgs } from "@medusajs/framework/types"
import type MootaModuleService from "../../src/modules/moota/service"

/**
 * Run by scripts/bench/allocator.js through `medusa exec`: N concurrent reservations of one total on
 * one account, straight through the plugin's module (the same call initiatePayment makes).
 */
export default async function allocator({ container }: ExecArgs): Promise<void> {
  const moota = container.resolve<MootaModuleService>("moota")
  const n = Number(process.env.BENCH_ALLOC_N || 500)
  const total = 777_000
  const expires = new Date(Date.now() + 3_600_000)
  const run = `${Date.now().toString(36)}`
  const started = performance.now()
  const results = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t0 = performance.now()
      const r = await moota.reserveAmount({
        session_id: `alloc_${run}_${i}`,
        currency_code: "idr",
        order_total: total,
        bank_ids: ["bcaSandbox01"],
        code_min: 1,
        code_max: 999,
        code_mode: "increase",
        expires_at: expires,
        quarantine_until: new Date(expires.getTime() + 3_600_000),
      })
      return { ms: performance.now() - t0, amount: r.transfer_amount }
    })
  )
  const wall = performance.now() - started
  const amounts = new Set(results.map((r) => r.amount))
  for (let i = 0; i < n; i++) {
    await moota.releaseReservation(`alloc_${run}_${i}`, "benchmark")
  }
  process.stdout.write(
    `ALLOCATOR_RESULT ${JSON.stringify({ n, wall_ms: wall, distinct: amounts.size, latencies: results.map((r) => r.ms) })}\n`
  )
}
