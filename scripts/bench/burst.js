"use strict"

/**
 * A burst of paid orders (a flash sale): BENCH_BURST_N (1000) awaiting orders paid by as many
 * mutations in deliveries of 50, time from the first delivery until every one is captured in Medusa,
 * as orders/s; against the floor measured in the same run: a bare loop calling Medusa's
 * processPaymentWorkflow for equivalent sessions (burst-floor-exec.ts, a `medusa exec` process; its
 * rate is steady, so BENCH_BURST_FLOOR_N of them are enough). Then checks the money: every session
 * captured exactly once, no inbox row left behind. While the burst runs, one-mutation deliveries (amounts
 * no order holds) probe the ack latency of /hooks/moota and of the durable floor (floor-server.js, the
 * webhook benchmark's) in turn: confirmations must not take what the acks need (p99 within 1.5x).
 * With BENCH_BURST_PROFILE=n, first n more orders are confirmed one by one in a `medusa exec` process
 * (burst-profile-exec.ts): time per workflow step and SQL statements per confirmation.
 * Env: BENCH_BURST_N (1000), BENCH_BURST_FLOOR_N (200), BENCH_BURST_PLACE_CONC (6), BENCH_BURST_PROFILE (0),
 *      BENCH_BURST_PROBE_MS (100).
 */
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { Client } = require("pg")
const { placeMootaOrder, mutation, signatureHeader, postWebhook, sleep, medusaExec } = require("../../test-kit")
const { log } = require("../lib/script-store")
const { summary, round, table, machine, writeResult } = require("./lib/stats")
const { startFloor, floorBase } = require("./webhook")

const env = (name, dflt) => Number(process.env[name] || dflt)

/** Orders of 1 to 5 items: five totals, so a thousand awaiting orders fit the unique-code range. */
async function placeOrders(store, n) {
  const conc = env("BENCH_BURST_PLACE_CONC", 6)
  // The first order creates the guest customer; in parallel, first uses collide.
  const orders = [await placeMootaOrder(store)]
  let next = 1
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (next < n) {
        const i = next++
        orders.push(await placeMootaOrder(store, undefined, 1 + (i % 5)))
        if (orders.length % 200 === 0) log(`burst: ${orders.length} of ${n} orders placed`)
      }
    })
  )
  return orders
}

async function capturedCounts(db, sessionIds) {
  const { rows } = await db.query(
    `SELECT ps.id, count(p.id) FILTER (WHERE p.captured_at IS NOT NULL)::int AS captured
     FROM payment_session ps LEFT JOIN payment p ON p.payment_session_id = ps.id AND p.deleted_at IS NULL
     WHERE ps.id = ANY($1) GROUP BY ps.id`,
    [sessionIds]
  )
  return rows
}

let probeSeq = 0

/**
 * Until `done()`: a signed one-mutation delivery to /hooks/moota, then the same kind to the durable
 * floor, every BENCH_BURST_PROBE_MS; the ack times of each (amounts 12,000-12,999: no order's).
 */
async function probeAcks(store, webhook, done) {
  const ms = { ours: [], floor: [], errors: 0 }
  const targets = [
    ["ours", `${webhook}/hooks/moota`],
    ["floor", `${floorBase()}/`],
  ]
  while (!done()) {
    for (const [side, url] of targets) {
      const body = JSON.stringify([mutation({ amount: 12_000 + (++probeSeq % 1000), description: "TRSF E-BANKING CR PROBE" })])
      const t0 = performance.now()
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...signatureHeader(body, store.webhookSecret) }, body })
      await res.arrayBuffer()
      if (res.status === 200) ms[side].push(performance.now() - t0)
      else ms.errors++
    }
    await sleep(env("BENCH_BURST_PROBE_MS", 100))
  }
  return ms
}

async function ours(store, db, orders, webhook) {
  const mutations = orders.map((o) => mutation({ amount: o.session.data.transfer_amount, description: "TRSF E-BANKING CR BURST" }))
  const bodies = []
  for (let i = 0; i < mutations.length; i += 50) bodies.push(JSON.stringify(mutations.slice(i, i + 50)))
  const ids = mutations.map((m) => m.mutation_id)
  const captured = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM moota_inbox_mutation WHERE mutation_id = ANY($1) AND outcome = 'captured'`, [ids])).rows[0].n
  log(`burst: ${orders.length} transfers in ${bodies.length} deliveries of 50`)
  let finished = false
  const probing = probeAcks(store, webhook, () => finished)
  const startedAt = new Date()
  const t0 = performance.now()
  for (const body of bodies) {
    const r = await postWebhook(webhook, body, signatureHeader(body, store.webhookSecret))
    if (r.status !== 200) throw new Error(`delivery answered ${r.status}`)
  }
  const tAcked = performance.now()
  let n = 0
  while (performance.now() - t0 < 600_000) {
    n = await captured()
    if (n >= orders.length) break
    await sleep(50)
  }
  const wall = performance.now() - t0
  finished = true
  // The buyers' "payment received" messages out by the time the last payment was captured: the
  // confirmations must not hold them back (with Redis, a worker takes one event at a time).
  const messages = (
    await db.query(`SELECT count(*)::int AS n FROM moota_notification_log WHERE event = 'moota.payment.confirmed' AND status = 'sent' AND created_at >= $1`, [
      startedAt,
    ])
  ).rows[0].n
  const probes = await probing
  const { rows } = await db.query(
    `SELECT status, outcome, count(*)::int AS n FROM moota_inbox_mutation WHERE mutation_id = ANY($1) GROUP BY status, outcome`,
    [ids]
  )
  return { n: orders.length, captured: n, deliveries: bodies.length, acked_ms: round(tAcked - t0), wall_ms: round(wall), messages_by_last_capture: messages, per_s: round((n * 1000) / wall, 1), inbox: rows, acks: { ours: summary(probes.ours), floor: summary(probes.floor), errors: probes.errors } }
}

async function floor(store, db, orders) {
  const sessions = orders.map((o) => o.session.id)
  // Recorded as received, as our own path does before it asks Medusa to capture.
  await db.query(`UPDATE moota_reservation SET status = 'paid', paid_at = now(), received_amount = transfer_amount WHERE session_id = ANY($1)`, [sessions])
  const { rows } = await db.query(`SELECT session_id, order_total FROM moota_reservation WHERE session_id = ANY($1)`, [sessions])
  const file = path.join(os.tmpdir(), `moota-burst-floor-${process.pid}.json`)
  fs.writeFileSync(file, JSON.stringify(rows.map((r) => ({ session_id: r.session_id, amount: Number(r.order_total) }))))
  try {
    log(`burst: the floor, processPaymentWorkflow for ${rows.length} sessions one after another (medusa exec)`)
    const r = await medusaExec("./scripts/bench/burst-floor-exec.ts", {
      env: { ...store.env, MEDUSA_WORKER_MODE: "server", BENCH_BURST_FLOOR_FILE: file },
      marker: "BURST_FLOOR_RESULT ",
      timeoutMs: 2 ** 31 - 1,
    })
    return { n: r.n, wall_ms: round(r.wall_ms), per_s: round((r.n * 1000) / r.wall_ms, 1), latency: summary(r.latencies) }
  } finally {
    fs.rmSync(file, { force: true })
  }
}

/** One by one in a `medusa exec` process: where a confirmation's time goes (burst-profile-exec.ts). */
async function profile(store, orders) {
  const file = path.join(os.tmpdir(), `moota-burst-profile-${process.pid}.json`)
  fs.writeFileSync(file, JSON.stringify(orders.map((o) => mutation({ amount: o.session.data.transfer_amount, description: "TRSF E-BANKING CR PROFILE" }))))
  try {
    log(`burst: profiling ${orders.length} confirmations one by one (medusa exec)`)
    return await medusaExec("./scripts/bench/burst-profile-exec.ts", {
      env: { ...store.env, MEDUSA_WORKER_MODE: "server", BENCH_BURST_PROFILE_FILE: file },
      marker: "BURST_PROFILE_RESULT ",
      timeoutMs: 600_000,
    })
  } catch (e) {
    // A figure to read, not the benchmark: the burst still runs.
    log(`burst: the profile failed: ${String((e && e.message) || e).split("\n").slice(0, 2).join(" ")}`)
    return null
  } finally {
    fs.rmSync(file, { force: true })
  }
}

/**
 * @param store the test kit's store
 * @param opts.layout how the store runs, for the figures ("one process" unless burst-split.js says otherwise)
 * @param opts.result the file under bench-results/ the figures are written to
 * @param opts.webhook where Moota's deliveries go (default the store's own URL, so /hooks/moota)
 */
async function run(store, { layout = "one process (MEDUSA_WORKER_MODE=shared)", result = "burst", webhook = store.url } = {}) {
  const n = env("BENCH_BURST_N", 1000)
  const floorN = Math.min(n, env("BENCH_BURST_FLOOR_N", 200)) + 10 // the first 10 warm the process up
  const profileN = env("BENCH_BURST_PROFILE", 0)
  const start = machine()
  log(`burst: placing ${n + floorN + profileN} Moota orders (${n} ours, ${floorN} for the floor, ${profileN} to profile)`)
  const all = await placeOrders(store, n + floorN + profileN)
  const profiled = profileN ? await profile(store, all.slice(n + floorN)) : null
  const placed = all.slice(0, n + floorN)
  // Interleaved, so both sides get the same mix of totals.
  const floorOrders = placed.filter((_, i) => i % Math.floor((n + floorN) / floorN) === 0).slice(0, floorN)
  const mine = placed.filter((o) => !floorOrders.includes(o)).slice(0, n)
  const db = new Client({ connectionString: store.databaseUrl })
  await db.connect()
  const stopFloor = await startFloor(store)
  try {
    const a = await ours(store, db, mine, webhook).finally(stopFloor)
    const f = await floor(store, db, floorOrders)
    const counts = await capturedCounts(db, placed.map((o) => o.session.id))
    const once = counts.filter((r) => r.captured === 1).length
    const twice = counts.filter((r) => r.captured > 1).length
    const ratio = round(a.per_s / f.per_s, 2)
    console.log(`\nBurst: ${n} awaiting orders paid by ${n} mutations in deliveries of 50 (orders/s until all captured); the store: ${layout}\n`)
    console.log(
      table([
        ["path", "orders", "captured", "wall s", "orders/s"],
        ["ours: webhook -> scheduler -> confirm-moota-mutation", a.n, a.captured, round(a.wall_ms / 1000, 1), a.per_s],
        ["floor: bare loop of processPaymentWorkflow", f.n, f.n, round(f.wall_ms / 1000, 1), f.per_s],
      ])
    )
    console.log(`  all ${a.deliveries} deliveries acked in ${a.acked_ms} ms; inbox: ${a.inbox.map((r) => `${r.status}/${r.outcome} ${r.n}`).join(", ")}`)
    console.log(`  buyers' "payment received" messages sent by the last capture: ${a.messages_by_last_capture} of ${a.n}`)
    console.log(`  floor per call: p50 ${f.latency.p50} ms, p99 ${f.latency.p99} ms`)
    console.log(`  ratio ours/floor: ${ratio} (target >= 1.0); load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}`)
    const ackRatio = round(a.acks.ours.p99 / a.acks.floor.p99, 2)
    console.log(
      `  acks while the burst ran (1-mutation deliveries): ours p50 ${a.acks.ours.p50} ms, p99 ${a.acks.ours.p99} ms (n ${a.acks.ours.n}); ` +
        `durable floor p50 ${a.acks.floor.p50} ms, p99 ${a.acks.floor.p99} ms; p99 ratio ${ackRatio} (target <= 1.5), non-200 ${a.acks.errors}`
    )
    if (profiled) {
      console.log(`  one confirmation alone (profile, ${profiled.n} in a row): ${profiled.wall_ms_mean} ms, ${profiled.statements_per_confirmation} SQL statements; outcomes ${JSON.stringify(profiled.outcomes)}`)
      console.log(`    steps (ms, start to next start): ${JSON.stringify(profiled.steps_ms_mean)}`)
      console.log(`    statements by kind: ${JSON.stringify(profiled.statements_by_kind)}`)
    }
    console.log(`  money: ${once} of ${counts.length} sessions captured exactly once, ${twice} more than once\n`)
    writeResult(result, { benchmark: "burst", layout, at: new Date().toISOString(), machine_at_start: start, machine_at_end: machine(), ours: a, floor: f, ratio, profile: profiled, captured_once: once, captured_twice: twice, sessions: counts.length })
    if (twice || a.captured !== n) throw new Error(`burst: money check failed (${a.captured} of ${n} captured, ${twice} twice)`)
    return { ratio }
  } finally {
    await db.end()
  }
}

module.exports = { run }
