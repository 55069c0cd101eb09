"use strict"

/**
 * The allocator under contention: 500 concurrent reservations of one total on one account
 * (BENCH_ALLOC_N), through the plugin's module in a `medusa exec` process on the store's database.
 * Requires zero duplicate amounts; prints median and p99 latency.
 */
const { medusaExec } = require("../../test-kit")
const { log } = require("../lib/script-store")
const { summary, round, table, machine, writeResult } = require("./lib/stats")

/** The reservations race in a `medusa exec` process of their own (allocator-exec.ts), not timed out. */
function exec(store) {
  return medusaExec("./scripts/bench/allocator-exec.ts", {
    env: { ...store.env, MEDUSA_WORKER_MODE: "server" },
    marker: "ALLOCATOR_RESULT ",
    timeoutMs: 2 ** 31 - 1,
  })
}

async function run(store) {
  log(`allocator: ${process.env.BENCH_ALLOC_N || 500} concurrent reservations of one total on one account`)
  const r = await exec(store)
  const s = summary(r.latencies)
  const duplicates = r.n - r.distinct
  console.log(`\nAllocator: ${r.n} concurrent reservations, total Rp777.000, one account (ms per reservation)\n`)
  console.log(table([["n", "distinct amounts", "duplicates", "p50", "p95", "p99", "max", "p99/p50", "wall"], [r.n, r.distinct, duplicates, s.p50, s.p95, s.p99, s.max, round(s.p99 / s.p50, 2), round(r.wall_ms)]]))
  console.log(`\nduplicates: ${duplicates} (target 0) -> ${duplicates === 0 ? "MET" : "NOT MET"}\n`)
  writeResult("allocator", { benchmark: "allocator", n: r.n, distinct: r.distinct, duplicates, latency: s, wall_ms: round(r.wall_ms), machine: machine() })
  return { duplicates }
}

module.exports = { run }
