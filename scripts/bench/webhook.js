"use strict"

/**
 * Webhook benchmarks, on one server in one run:
 *  (b) webhook-to-Paid: Moota orders paid by a sandbox transfer (pushed as a signed webhook), polled
 *      in the admin API every 25 ms until payment_status is "captured"; compared with Medusa's
 *      built-in POST /hooks/payment/:provider, whose processing is emitted with a fixed delay
 *      (payment module option webhook_delay, default 5000 ms), observed as the moment the server
 *      logs "Processing payment.webhook_received" (the subscriber starts right then).
 *  (c) a payment behind a flood: an awaiting order's transfer delivered right after 10,000 noise
 *      mutations (credits far from any order, debits, an unknown account; 200 deliveries of 50),
 *      time to Paid against (b)'s quiet figure, and how fast the noise is decided.
 *  (a) ack latency of signed 1- and 50-mutation deliveries to /hooks/moota vs the built-in route and
 *      vs the durable floor (scripts/bench/floor-server.js: a bare node-pg server that verifies the
 *      HMAC and commits the same rows with INSERT … ON CONFLICT), same bodies, alternating; then
 *      sustained req/s with concurrent clients.
 * (b) and (c) run first so the background processing of (a)'s thousands of unmatched mutations does
 * not weigh on them. Amounts in (a) match no order, so nothing is captured.
 * Env: BENCH_ACK_IDLE_N (30), BENCH_ACK_N (300), BENCH_ACK_WARMUP (3 quiet / 10 back to back),
 *      BENCH_CONC (8), BENCH_CONC_SECONDS (10), BENCH_DRAIN_SECONDS (60), BENCH_PAID_N (30),
 *      BENCH_BUILTIN_N (20), BENCH_NOISE_N (10000), BENCH_NOISE_ROUNDS (3).
 */
const fs = require("node:fs")
const { spawn } = require("node:child_process")
const path = require("node:path")
const { placeMootaOrder, mutation: kitMutation, signatureHeader, sleep, ROOT } = require("../../test-kit")
const { log } = require("../lib/script-store")
const { summary, round, table, machine, writeResult } = require("./lib/stats")

const env = (name, dflt) => Number(process.env[name] || dflt)
const POLL_MS = 25
/** Medusa's built-in provider webhook route (its emit delay is read from here). */
const BUILTIN_ROUTE = path.join(ROOT, "node_modules/@medusajs/medusa/dist/api/hooks/payment/[provider]/route.js")

// ---------------------------------------------------------------------------
// Deliveries
// ---------------------------------------------------------------------------

let seq = 0

/** A Moota-shaped credit whose amount (12,000-12,999) matches no order (orders are 165,001-165,999). */
function mutation() {
  return kitMutation({ description: "TRSF E-BANKING CR BENCH", amount: 12_000 + (++seq % 1000) })
}

const KINDS = {
  "moota x1": { path: "/hooks/moota", size: 1, signed: true },
  "builtin x1": { path: "/hooks/payment/moota_moota", size: 1 },
  "floor x1": { path: "/", size: 1, signed: true, floor: true },
  "moota x50": { path: "/hooks/moota", size: 50, signed: true },
  "builtin x50": { path: "/hooks/payment/moota_moota", size: 50 },
  "floor x50": { path: "/", size: 50, signed: true, floor: true },
}

/** Set once the floor server listens: its base URL. */
let floorUrl = null

/** Builds a fresh body (new mutation ids), then times the POST and the reading of the answer. */
async function deliver(store, kind, make = mutation) {
  const { path, size, signed, floor } = KINDS[kind]
  const body = JSON.stringify(Array.from({ length: size }, make))
  const headers = { "content-type": "application/json", "user-agent": "MootaBot/1.5" }
  if (signed) Object.assign(headers, signatureHeader(body, store.webhookSecret))
  const t0 = performance.now()
  let status = 0
  try {
    const res = await fetch((floor ? floorUrl : store.url) + path, { method: "POST", headers, body })
    await res.arrayBuffer()
    status = res.status
  } catch {
    status = -1
  }
  return { ms: performance.now() - t0, status }
}

/** Rotates the order of the kinds every round so none always goes first. */
const rotated = (list, i) => list.map((_, j) => list[(i + j) % list.length])

// ---------------------------------------------------------------------------
// Server log lines "Processing <event> which has N subscribers": when a subscriber starts
// ---------------------------------------------------------------------------

function eventLog(store) {
  const seen = [] // { name, t }
  const off = store.onLine((line) => {
    const m = /Processing (\S+) which has \d+ subscribers/.exec(line)
    if (m) seen.push({ name: m[1], t: performance.now() })
  })
  return {
    seen,
    off,
    /** The first `name` line after t0, waiting up to ms. */
    async next(name, t0, ms = 30_000) {
      const end = Date.now() + ms
      for (;;) {
        const hit = seen.find((e) => e.name === name && e.t >= t0)
        if (hit) return hit.t
        if (Date.now() > end) return null
        await sleep(5)
      }
    },
  }
}

// ---------------------------------------------------------------------------
// Background work: our webhook stores the mutations and confirms them after the ack, in the same
// process. The inbox rows still "pending" (read-only query) show how far that processing lags.
// ---------------------------------------------------------------------------

async function inboxBacklog(store) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: store.databaseUrl })
  await client.connect()
  const pending = async () => {
    try {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM moota_inbox_mutation WHERE status = 'pending'")
      return rows[0].n
    } catch {
      return null // schema changed: the figures that need it are left out
    }
  }
  return {
    pending,
    /** Waits until nothing is pending; returns { ms, drained, from, left }. */
    async drain(maxMs) {
      const t0 = performance.now()
      const from = await pending()
      let left = from
      while (left && performance.now() - t0 < maxMs) {
        await sleep(20)
        left = await pending()
      }
      return { ms: performance.now() - t0, drained: left === 0, from, left }
    },
    close: () => client.end(),
  }
}

// ---------------------------------------------------------------------------
// (b) webhook to Paid
// ---------------------------------------------------------------------------

async function paymentStatus(store, orderId) {
  const { order } = await store.adminApi("GET", `/admin/orders/${orderId}?fields=payment_status`)
  return order.payment_status
}

async function webhookToPaid(store, events) {
  const n = env("BENCH_PAID_N", 30)
  const warmup = 2
  log(`webhook: placing ${n + warmup} Moota orders`)
  const orders = []
  for (let i = 0; i < n + warmup; i++) orders.push(await placeMootaOrder(store))

  log("webhook: (b) transfer -> Paid, one order at a time")
  const ack = []
  const toSubscriber = []
  const toPaid = []
  for (const [i, o] of orders.entries()) {
    const t0 = performance.now()
    const answer = await store.transfer({ amount: o.session.data.transfer_amount })
    const tAck = performance.now()
    const status = answer.deliveries && answer.deliveries[0] && answer.deliveries[0].status
    if (status !== 200) throw new Error(`transfer not delivered: ${JSON.stringify(answer)}`)
    let tPaid = null
    while (performance.now() - t0 < 30_000) {
      if ((await paymentStatus(store, o.order_id)) === "captured") {
        tPaid = performance.now()
        break
      }
      await sleep(POLL_MS)
    }
    if (tPaid === null) throw new Error(`order ${o.order_id} was not Paid within 30 s of the transfer`)
    const tSub = await events.next("moota.mutations.received", t0, 1000)
    if (i < warmup) continue
    ack.push(tAck - t0)
    toPaid.push(tPaid - t0)
    if (tSub !== null) toSubscriber.push(tSub - t0)
  }

  const builtin = await builtinDelay(store, events)
  return {
    moota: {
      n,
      transfer_to_ack: summary(ack),
      transfer_to_subscriber_start: summary(toSubscriber),
      transfer_to_paid: summary(toPaid),
      samples_to_paid: toPaid,
    },
    builtin,
  }
}

/**
 * Medusa's built-in route acks at once and emits payment.webhook_received with a delay; time POST ->
 * the subscriber's start. Deliveries are spaced 1 s apart (less than the delay), paired with the log
 * lines in order: the delay is the same for all, so the order is kept.
 */
async function builtinDelay(store, events) {
  const n = env("BENCH_BUILTIN_N", 20)
  const configured = /webhook_delay \|\| (\d+)/.exec(fs.readFileSync(BUILTIN_ROUTE, "utf8"))
  log(`webhook: (b) built-in route, ${n} deliveries 1 s apart, POST -> payment.webhook_received subscriber`)
  const name = "payment.webhook_received"
  const before = events.seen.filter((e) => e.name === name).length
  const posts = []
  for (let i = 0; i < n; i++) {
    const r = await deliver(store, "builtin x1")
    if (r.status !== 200) throw new Error(`built-in webhook answered ${r.status}`)
    posts.push({ t0: performance.now() - r.ms, ack: r.ms })
    await sleep(1000)
  }
  const end = Date.now() + 15_000
  while (events.seen.filter((e) => e.name === name).length < before + n && Date.now() < end) await sleep(50)
  const lines = events.seen.filter((e) => e.name === name).slice(before)
  const toSub = posts.slice(0, lines.length).map((p, i) => lines[i].t - p.t0)
  return {
    route: "POST /hooks/payment/moota_moota",
    configured_delay_ms: configured ? Number(configured[1]) : null,
    observed: lines.length,
    post_to_ack: summary(posts.map((p) => p.ack)),
    post_to_subscriber_start: lines.length ? summary(toSub) : null,
    note:
      "pp_moota_moota answers not_supported to getWebhookActionAndData, so the built-in path never reaches Paid; " +
      "its time to the subscriber start is a lower bound of its webhook-to-Paid time.",
  }
}

// ---------------------------------------------------------------------------
// The durable floor: scripts/bench/floor-server.js in a process of its own
// ---------------------------------------------------------------------------

function startFloor(store) {
  const child = spawn(process.execPath, [path.join(__dirname, "floor-server.js"), store.databaseUrl, store.webhookSecret], {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  })
  return new Promise((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (c) => {
      out += c
      const m = /FLOOR_LISTENING (\d+)/.exec(out)
      if (m) {
        floorUrl = `http://127.0.0.1:${m[1]}`
        resolve(() => child.kill("SIGTERM"))
      }
    })
    child.on("exit", (code) => reject(new Error(`the floor server exited (${code})`)))
  })
}

// ---------------------------------------------------------------------------
// (c) a payment behind a flood of noise
// ---------------------------------------------------------------------------

let noiseSeq = 0

/** Noise as a shared business account sees it: credits far from any order, debits, an account the shop never configured. */
function noiseMutation() {
  const i = ++noiseSeq % 10
  if (i < 7) return kitMutation({ description: "TRSF E-BANKING CR NOISE", amount: 1_000 + (noiseSeq % 9_000) })
  if (i < 9) return kitMutation({ description: "TRSF E-BANKING DB NOISE", type: "DB", amount: 50_000 + (noiseSeq % 9_000) })
  return kitMutation({ description: "TRSF E-BANKING CR OTHER", bank_id: "notConfigured1", amount: 2_000 + (noiseSeq % 9_000) })
}

async function paymentBehindNoise(store, backlog, quietPaidP50) {
  const rounds = env("BENCH_NOISE_ROUNDS", 3)
  const deliveries = Math.ceil(env("BENCH_NOISE_N", 10_000) / 50)
  const out = []
  for (let round_ = 0; round_ < rounds; round_++) {
    await backlog.drain(120_000)
    const order = await placeMootaOrder(store)
    log(`webhook: (c) round ${round_ + 1}: ${deliveries} deliveries of 50 noise mutations, then the order's transfer`)
    const t0 = performance.now()
    let next = 0
    let errors = 0
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < deliveries) {
          next++
          const r = await deliver(store, "moota x50", noiseMutation)
          if (r.status !== 200) errors++
        }
      })
    )
    const tFlood = performance.now()
    const pendingAfterFlood = await backlog.pending()
    const tTransfer = performance.now()
    const answer = await store.transfer({ amount: order.session.data.transfer_amount })
    if (!answer.deliveries || !answer.deliveries[0] || answer.deliveries[0].status !== 200) throw new Error(`transfer not delivered: ${JSON.stringify(answer)}`)
    let tPaid = null
    while (performance.now() - tTransfer < 300_000) {
      if ((await paymentStatus(store, order.order_id)) === "captured") {
        tPaid = performance.now()
        break
      }
      await sleep(POLL_MS)
    }
    const pendingAtPaid = await backlog.pending()
    const drained = await backlog.drain(300_000)
    const tDrained = performance.now()
    out.push({
      noise: deliveries * 50,
      errors,
      flood_acked_ms: round(tFlood - t0),
      pending_after_flood: pendingAfterFlood,
      transfer_to_paid_ms: tPaid === null ? null : round(tPaid - tTransfer),
      pending_when_paid: pendingAtPaid,
      all_decided_ms: drained.drained ? round(tDrained - t0) : null,
      // From the last ack: while deliveries arrive, acknowledging them goes first by design.
      decided_per_s: drained.drained ? round((deliveries * 50 * 1000) / (tDrained - tFlood), 0) : null,
    })
  }
  const toPaid = out.map((r) => r.transfer_to_paid_ms).filter((x) => x !== null)
  const rate = out.map((r) => r.decided_per_s).filter((x) => x !== null)
  return {
    rounds: out,
    transfer_to_paid: summary(toPaid),
    quiet_transfer_to_paid_p50: quietPaidP50,
    ratio_to_quiet_p50: round(summary(toPaid).p50 / quietPaidP50, 2),
    noise_decided_per_s_median: summary(rate).p50,
  }
}

// ---------------------------------------------------------------------------
// (a) ack latency and sustained rate
// ---------------------------------------------------------------------------

/**
 * Sequential deliveries, kinds alternating. idle: before each delivery, wait until the previous
 * ones are fully processed (a quiet server, Moota's usual case); otherwise back to back, so our
 * acks compete with the confirmation of everything delivered before.
 */
async function ackLatency(store, backlog, { idle }) {
  const n = idle ? env("BENCH_ACK_IDLE_N", 30) : env("BENCH_ACK_N", 300)
  const warmup = env("BENCH_ACK_WARMUP", idle ? 3 : 10)
  const kinds = Object.keys(KINDS)
  const samples = Object.fromEntries(kinds.map((k) => [k, []]))
  const errors = Object.fromEntries(kinds.map((k) => [k, 0]))
  log(`webhook: (a) ack latency ${idle ? "on a quiet server" : "back to back"}, ${warmup} warm-up + ${n} deliveries per kind, alternating`)
  for (let i = 0; i < warmup + n; i++) {
    for (const kind of rotated(kinds, i)) {
      if (idle) await backlog.drain(120_000)
      const r = await deliver(store, kind)
      if (i < warmup) continue
      if (r.status !== 200) errors[kind]++
      else samples[kind].push(r.ms)
    }
  }
  const result = Object.fromEntries(kinds.map((k) => [k, { ...summary(samples[k]), errors: errors[k], rate_sequential_per_s: round(1000 / summary(samples[k]).mean, 1) }]))
  return { mode: idle ? "quiet" : "back-to-back", ...result }
}

async function sustained(store) {
  const clients = env("BENCH_CONC", 8)
  const seconds = env("BENCH_CONC_SECONDS", 10)
  const rounds = 5
  const slice = (seconds * 1000) / rounds
  const kinds = Object.keys(KINDS)
  const acc = Object.fromEntries(kinds.map((k) => [k, { ms: [], errors: 0, elapsed: 0 }]))
  log(`webhook: (a) sustained, ${clients} clients, ${seconds} s per kind in ${rounds} interleaved slices`)
  for (let round_ = 0; round_ < rounds; round_++) {
    for (const kind of rotated(kinds, round_)) {
      const a = acc[kind]
      const t0 = performance.now()
      const deadline = t0 + slice
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < deadline) {
            const r = await deliver(store, kind)
            if (r.status === 200) a.ms.push(r.ms)
            else a.errors++
          }
        })
      )
      a.elapsed += performance.now() - t0
    }
  }
  return Object.fromEntries(
    kinds.map((k) => {
      const a = acc[k]
      const perS = a.ms.length / (a.elapsed / 1000)
      return [k, { clients, seconds: round(a.elapsed / 1000, 1), ok: a.ms.length, errors: a.errors, req_per_s: round(perS, 1), mutations_per_s: round(perS * KINDS[k].size, 0), p50: round(summary(a.ms).p50), p99: round(summary(a.ms).p99) }]
    })
  )
}

// ---------------------------------------------------------------------------

async function run(store) {
  const events = eventLog(store)
  const start = machine()
  try {
    const paid = await webhookToPaid(store, events)
    const backlog = await inboxBacklog(store)
    const stopFloor = await startFloor(store)
    let acks, load, drain, noise
    try {
      noise = await paymentBehindNoise(store, backlog, paid.moota.transfer_to_paid.p50)
      const quiet = (await backlog.pending()) === null ? null : await ackLatency(store, backlog, { idle: true })
      acks = { quiet, back_to_back: await ackLatency(store, backlog, { idle: false }) }
      load = await sustained(store)
      const drainSeconds = env("BENCH_DRAIN_SECONDS", 60)
      log(`webhook: watching the inbox backlog being processed (up to ${drainSeconds} s)`)
      drain = await backlog.drain(drainSeconds * 1000)
    } finally {
      stopFloor()
      await backlog.close()
    }
    drain.processed_per_s = drain.from === null ? null : round(((drain.from - drain.left) / drain.ms) * 1000, 1)
    print(store, acks, load, drain, paid, noise)
    const result = { benchmark: "webhook", at: new Date().toISOString(), server: `medusa ${store.mode}`, machine_at_start: start, unit: "ms", ack: acks, sustained: load, backlog_after_sustained: drain, webhook_to_paid: paid, payment_behind_noise: noise }
    writeResult("webhook", result)
    return result
  } finally {
    events.off()
  }
}

function print(store, acks, load, drain, paid, noise) {
  const kinds = Object.keys(KINDS)
  const label = (k) => `${KINDS[k].path} ${k.split(" ")[1]}`
  for (const [title, a] of [
    ["quiet server: each delivery sent once the previous ones are processed", acks.quiet],
    ["back to back: acks compete with the processing of earlier deliveries", acks.back_to_back],
  ]) {
    if (!a) {
      console.log("\n(a) Ack latency on a quiet server: skipped (the inbox backlog query failed)")
      continue
    }
    console.log(`\n(a) Ack latency, ${title} (medusa ${store.mode}, sequential, alternating, ms)\n`)
    console.log(
      table([
        ["delivery", "n", "p50", "p95", "p99", "max", "req/s (1 client)", "non-200"],
        ...kinds.map((k) => [label(k), a[k].n, a[k].p50, a[k].p95, a[k].p99, a[k].max, a[k].rate_sequential_per_s, a[k].errors]),
      ])
    )
    console.log(`  p50 ratio ours/built-in: x1 ${round(a["moota x1"].p50 / a["builtin x1"].p50, 2)}, x50 ${round(a["moota x50"].p50 / a["builtin x50"].p50, 2)}`)
    for (const size of ["x1", "x50"]) {
      const ours = a[`moota ${size}`]
      const floor = a[`floor ${size}`]
      console.log(`  ratio ours/durable floor ${size}: p50 ${round(ours.p50 / floor.p50, 2)}, p99 ${round(ours.p99 / floor.p99, 2)}`)
    }
  }
  const c = load[kinds[0]].clients
  console.log(`\n(a) Sustained, ${c} concurrent clients, interleaved slices\n`)
  console.log(
    table([
      ["delivery", "seconds", "ok", "non-200", "req/s", "mutations/s", "p50 ms", "p99 ms"],
      ...kinds.map((k) => [label(k), load[k].seconds, load[k].ok, load[k].errors, load[k].req_per_s, load[k].mutations_per_s, load[k].p50, load[k].p99]),
    ])
  )
  if (drain.from !== null) {
    console.log(
      `  then ${drain.from} of our mutations were still pending confirmation; ` +
        (drain.drained ? `processed in ${round(drain.ms / 1000, 1)} s` : `${drain.left} still pending after ${round(drain.ms / 1000, 1)} s`) +
        ` (${drain.processed_per_s} mutations/s confirmed as unmatched)`
    )
  }
  console.log(`\n(c) A payment delivered right after a flood of noise (${noise.rounds[0].noise} mutations in deliveries of 50, 4 clients)\n`)
  console.log(
    table([
      ["round", "flood acked ms", "pending after flood", "transfer -> Paid ms", "pending when Paid", "all decided ms", "decided/s after the flood"],
      ...noise.rounds.map((r, i) => [i + 1, r.flood_acked_ms, r.pending_after_flood, r.transfer_to_paid_ms ?? "not Paid", r.pending_when_paid, r.all_decided_ms ?? "-", r.decided_per_s ?? "-"]),
    ])
  )
  console.log(`  transfer -> Paid p50 ${noise.transfer_to_paid.p50} ms vs ${noise.quiet_transfer_to_paid_p50} ms on a quiet server (b): ratio ${noise.ratio_to_quiet_p50}; noise decided ${noise.noise_decided_per_s_median}/s (median)`)
  const m = paid.moota
  const b = paid.builtin
  console.log(`\n(b) Webhook to Paid (n=${m.n}; admin API polled every ${POLL_MS} ms, ms)\n`)
  const row = (label, s, note = "") => [label, s ? s.p50 : "-", s ? s.p95 : "-", note]
  console.log(
    table([
      ["path", "p50", "p95", "note"],
      row("ours: transfer -> webhook acked", m.transfer_to_ack),
      row("ours: transfer -> subscriber starts", m.transfer_to_subscriber_start),
      row("ours: transfer -> order Paid", m.transfer_to_paid, "measured"),
      row("built-in: POST -> acked", b.post_to_ack),
      row("built-in: POST -> subscriber starts", b.post_to_subscriber_start, `measured (${b.observed} seen); configured delay ${b.configured_delay_ms} ms`),
      ["built-in: POST -> order Paid", `>= ${b.post_to_subscriber_start ? b.post_to_subscriber_start.p50 : b.configured_delay_ms}`, "", "not reachable with pp_moota_moota (not_supported): lower bound"],
    ])
  )
  if (b.post_to_subscriber_start) {
    console.log(`  p50 ours to Paid / built-in to its subscriber start: ${round(m.transfer_to_paid.p50 / b.post_to_subscriber_start.p50, 3)}\n`)
  }
}

module.exports = { run, startFloor, floorBase: () => floorUrl }
