"use strict"

/**
 * Payment-session creation through the store API: pp_moota_moota vs Medusa's pp_system_default.
 * Each timed request gets its own fresh cart + payment collection, prepared outside the timing;
 * the two providers alternate (and swap order every iteration) so they share the same noise.
 * Env: BENCH_N (default 60), BENCH_WARMUP (default 5).
 */
const { cartReadyForPayment, paymentCollectionOf } = require("../../test-kit")
const { log } = require("../lib/script-store")
const { summary, round, table, machine, writeResult } = require("./lib/stats")

const PROVIDERS = { moota: "pp_moota_moota", system: "pp_system_default" }
const TARGET_RATIO = 1.3

/** Wall time of POST /store/payment-collections/:id/payment-sessions, body read included. */
async function timeSession(store, providerId) {
  const collection = await paymentCollectionOf(store, (await cartReadyForPayment(store)).id)
  const t0 = performance.now()
  const res = await store.storeApi("POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: providerId })
  const ms = performance.now() - t0
  if (!res.payment_collection.payment_sessions.some((s) => s.provider_id === providerId)) {
    throw new Error(`no ${providerId} session in the answer`)
  }
  return ms
}

async function run(store) {
  const n = Number(process.env.BENCH_N || 60)
  const warmup = Number(process.env.BENCH_WARMUP || 5)
  const samples = { moota: [], system: [] }
  const start = machine()

  log(`initiate: warm-up ${warmup} each, then ${n} iterations (alternating providers)`)
  for (let i = 0; i < warmup + n; i++) {
    const order = i % 2 ? ["system", "moota"] : ["moota", "system"]
    for (const key of order) {
      const ms = await timeSession(store, PROVIDERS[key])
      if (i >= warmup) samples[key].push(ms)
    }
    if ((i + 1) % 20 === 0) log(`initiate: ${i + 1}/${warmup + n}`)
  }

  const moota = summary(samples.moota)
  const system = summary(samples.system)
  const ratio = round(moota.p50 / system.p50, 3)
  const ratioP95 = round(moota.p95 / system.p95, 3)
  const pass = ratio <= TARGET_RATIO

  console.log(`\nPOST /store/payment-collections/:id/payment-sessions  (n=${n} each, warm-up ${warmup}, medusa ${store.mode}, ms)\n`)
  console.log(
    table([
      ["provider", "p50", "p95", "p99", "min", "max", "mean"],
      ...[["pp_moota_moota", moota], ["pp_system_default", system]].map(([name, s]) => [name, s.p50, s.p95, s.p99, s.min, s.max, s.mean]),
    ])
  )
  console.log(`\nratio moota/system, medians: ${ratio}   (p95: ${ratioP95})`)
  console.log(`target: median ratio <= ${TARGET_RATIO}  ->  ${pass ? "MET" : "NOT MET"}\n`)

  const result = {
    benchmark: "initiate",
    at: new Date().toISOString(),
    server: `medusa ${store.mode}`,
    machine_at_start: start,
    n,
    warmup,
    unit: "ms",
    moota,
    system,
    ratio_median: ratio,
    ratio_p95: ratioP95,
    target_ratio_max: TARGET_RATIO,
    target_met: pass,
    samples,
  }
  writeResult("initiate", result)
  return result
}

module.exports = { run }
