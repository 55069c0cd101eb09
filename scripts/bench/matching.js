"use strict"

/**
 * Matching cost as work grows: per-mutation confirmation time with 1k, 10k and 100k reservations
 * awaiting payment. Awaiting reservations (with their amount holds) are added straight into the
 * database; then, at each level, signed one-mutation deliveries go through /hooks/moota one at a
 * time and the inbox's own timestamps (stored -> processed) give the processing time. A few real
 * orders are paid at each level too (transfer -> Paid). Target: 100k costs at most 1.5x of 1k.
 * Env: BENCH_MATCH_LEVELS (default "1000,10000,100000"), BENCH_MATCH_N (default 40), BENCH_MATCH_PAID (5).
 */
const { Client } = require("pg")
const { placeMootaOrder, mutation, postWebhook, signatureHeader, BCA, sleep } = require("../../test-kit")
const { log } = require("../lib/script-store")
const { summary, round, table, machine, writeResult } = require("./lib/stats")

const TARGET = 1.5
const BANK = BCA.bankId

async function topUp(db, target) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM moota_reservation WHERE status = 'awaiting' AND session_id LIKE 'bench_%'`)
  const have = rows[0].n
  if (have >= target) return
  const from = have
  const to = target - 1
  // Amounts far from the store's prices: 20,000,000 + i, unique on the account like real holds.
  await db.query(
    `INSERT INTO moota_reservation (id, session_id, status, currency_code, order_total, unique_code, code_mode, transfer_amount,
       bank_ids, expires_at, quarantine_until)
     SELECT 'mres_bench_' || i, 'bench_' || i, 'awaiting', 'idr', 20000000 + i - (i % 1000), i % 1000, 'increase', 20000000 + i,
       $1::jsonb, now() + interval '30 days', now() + interval '33 days'
     FROM generate_series($2::int, $3::int) AS i`,
    [JSON.stringify([BANK]), from, to]
  )
  await db.query(
    `INSERT INTO moota_amount_hold (id, reservation_id, bank_id, amount, active)
     SELECT 'mhold_bench_' || i, 'mres_bench_' || i, $1, 20000000 + i, true FROM generate_series($2::int, $3::int) AS i`,
    [BANK, from, to]
  )
  await db.query("ANALYZE moota_reservation; ANALYZE moota_amount_hold")
}

let seq = 0
function mutationBody(amount) {
  seq++
  return JSON.stringify([mutation({ amount, description: "BENCH" })])
}

async function deliver(store, body) {
  const { status, json } = await postWebhook(store.url, body, signatureHeader(body, store.webhookSecret))
  if (status !== 200) throw new Error(`webhook answered ${status}`)
  return json
}

async function processedMs(db, mutationId) {
  for (let i = 0; i < 600; i++) {
    const { rows } = await db.query(
      `SELECT extract(epoch FROM (processed_at - created_at)) * 1000 AS ms FROM moota_inbox_mutation WHERE mutation_id = $1 AND status = 'processed'`,
      [mutationId]
    )
    if (rows.length) return Number(rows[0].ms)
    await sleep(20)
  }
  throw new Error(`mutation ${mutationId} was not processed in 12 s`)
}

async function run(store) {
  const levels = (process.env.BENCH_MATCH_LEVELS || "1000,10000,100000").split(",").map(Number)
  const n = Number(process.env.BENCH_MATCH_N || 40)
  const paidN = Number(process.env.BENCH_MATCH_PAID || 5)
  const db = new Client({ connectionString: store.databaseUrl })
  await db.connect()
  const results = []
  try {
    for (const level of levels) {
      log(`matching: ${level} awaiting reservations`)
      await topUp(db, level)
      const unmatched = []
      for (let i = 0; i < n + 3; i++) {
        // Amounts no reservation holds: the full lookup runs and a review item is written.
        const body = mutationBody(19_000_000 + ((seq * 7919) % 900_000))
        await deliver(store, body)
        const ms = await processedMs(db, JSON.parse(body)[0].mutation_id)
        if (i >= 3) unmatched.push(ms)
      }
      const paid = []
      for (let i = 0; i < paidN; i++) {
        const { order_id: orderId, session } = await placeMootaOrder(store)
        const t0 = performance.now()
        await deliver(store, mutationBody(session.data.transfer_amount))
        for (;;) {
          const { order } = await store.adminApi("GET", `/admin/orders/${orderId}?fields=payment_status`)
          if (order.payment_status === "captured") break
          if (performance.now() - t0 > 30_000) throw new Error(`order ${orderId} not paid in 30 s`)
          await sleep(25)
        }
        paid.push(performance.now() - t0)
      }
      results.push({ level, unmatched: summary(unmatched), paid: summary(paid) })
    }
  } finally {
    await db.end()
  }

  const base = results[0]
  const last = results[results.length - 1]
  const ratio = round(last.unmatched.p50 / base.unmatched.p50, 3)
  console.log(`\nMatching cost: one-mutation deliveries processed one at a time (stored -> processed, ms; transfer -> Paid for real orders)\n`)
  console.log(
    table([
      ["awaiting", "n", "p50", "p95", "p99", "paid n", "to Paid p50", "to Paid p95"],
      ...results.map((r) => [r.level, r.unmatched.n, r.unmatched.p50, r.unmatched.p95, r.unmatched.p99, r.paid.n, r.paid.p50, r.paid.p95]),
    ])
  )
  const pass = ratio <= TARGET
  console.log(`\nratio of medians ${last.level} / ${base.level}: ${ratio}   target <= ${TARGET} -> ${pass ? "MET" : "NOT MET"}\n`)
  writeResult("matching", { benchmark: "matching", levels: results, ratio, target: TARGET, pass, machine: machine() })
  return { ratio, pass }
}

module.exports = { run }
