#!/usr/bin/env node
"use strict"

/**
 * `npm run fault`: process-level faults against a real store (the test kit's, test-kit/store.js: `medusa
 * start`, the Moota sandbox, an admin user) whose PostgreSQL outlives every Medusa process:
 *
 *  kill  kill -9 of the Medusa server at random moments while signed deliveries stream in (Moota
 *        retries each until a 2xx); restarted each time; the restarted server's recovery job (every
 *        3 s) finishes what was cut off: the last capture at most 10 s after the last 2xx.
 *  db    PostgreSQL stopped and started again mid-load: no 2xx while it is down, all consistent after,
 *        the last capture at most 10 s after PostgreSQL is back (or after the last 2xx, if later).
 *  race  the storefront's cart completion and the webhook for the same transfer, concurrently, N times.
 *  worker  the Redis profile (a store of its own on redis-server: the server in MEDUSA_WORKER_MODE=shared,
 *        HTTP and jobs, plus a process in MEDUSA_WORKER_MODE=worker): kill -9 of the worker while it
 *        holds unfinished rows mid-batch; the server's recovery job (every 3 s) takes them over: the
 *        last capture at most 10 s after the last 2xx (or the kill, if later). Skipped, saying why,
 *        without redis-server.
 *
 * Then, through the admin API and the database: every order sent a transfer is paid exactly once (one
 * payment, one capture of the order total), no other order is paid, one inbox row per unique mutation,
 * nothing left pending or matched, no review item. Prints a table; exits 1 on any violation.
 *
 * Env: FAULT_PHASES (kill,db,race,worker), FAULT_ORDERS (30), FAULT_UNPAID (5), FAULT_KILLS (3),
 *      FAULT_DB_ORDERS (20), FAULT_DB_DOWN_MS (15000), FAULT_RACES (200), FAULT_RACE_CONCURRENCY (4),
 *      FAULT_WORKER_ORDERS (40), FAULT_WORKER_KILL (capture: kill when the worker is mid-capture, if that
 *      comes within 3 s of it holding rows; leased: when it holds rows none of which it is capturing),
 *      BENCH_VERBOSE=1 (server output).
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { startDatabase } = require("../../dev/embedded-db")
const { placeMootaOrder, cartReadyForPayment, startMootaSession, mutation, orderMoney, sleep } = require("../../test-kit")
const { startScriptStore, log, runScript } = require("../lib/script-store")
const { startRedis, INSTALL: REDIS_INSTALL } = require("../scale/redis-profile")
const {
  deliverUntil2xx,
  execRecover,
  paidOnceProblems,
  unpaidProblems,
  pool,
  dbClient,
  inboxOf,
  waitSettled,
  checklist,
  printTable,
  secs,
} = require("./lib")

const num = (name, dflt) => (process.env[name] ? Number(process.env[name]) : dflt)
const CFG = {
  phases: (process.env.FAULT_PHASES || "kill,db,race,worker").split(",").map((s) => s.trim()),
  orders: num("FAULT_ORDERS", 30),
  unpaid: num("FAULT_UNPAID", 5),
  kills: num("FAULT_KILLS", 3),
  dbOrders: num("FAULT_DB_ORDERS", 20),
  dbDownMs: num("FAULT_DB_DOWN_MS", 15000),
  races: num("FAULT_RACES", 200),
  raceConcurrency: num("FAULT_RACE_CONCURRENCY", 4),
  workerOrders: num("FAULT_WORKER_ORDERS", 40),
  workerKill: process.env.FAULT_WORKER_KILL || "capture",
}

const ck = checklist()
const range = (n) => Array.from({ length: n }, (_, i) => i)
const rand = (lo, hi) => lo + Math.random() * (hi - lo)
const is2xx = (s) => s >= 200 && s < 300

function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** When the last 2xx answer arrived. */
const lastAck = (attempts) => Math.max(...attempts.filter((a) => is2xx(a.status)).map((a) => a.t1))

/** How the non-2xx attempts ended: "ECONNREFUSED x12, 500 x3" (all attempts with `all`). */
function failureKinds(attempts, all = false) {
  const kinds = {}
  for (const a of attempts.filter((x) => all || !is2xx(x.status))) {
    const k = a.status ? String(a.status) : a.error
    kinds[k] = (kinds[k] || 0) + 1
  }
  return Object.entries(kinds).map(([k, n]) => `${k} x${n}`).join(", ") || "none"
}

/**
 * Streams `sends` (bodies; a body may repeat, as Moota's duplicates) from `senders` parallel senders
 * with a random pause between starts; each is delivered until a 2xx. `onAck(acked)` after each 2xx.
 */
async function stream(store, sends, { senders = 3, pauseMs = [300, 1500], onAck, onSend, baseUrl } = {}) {
  const attempts = []
  const acks = []
  let acked = 0
  let inFlight = 0 // requests sent and not answered yet
  const queue = [...sends]
  const target = baseUrl || (() => store.url)
  await Promise.all(
    range(senders).map(async () => {
      while (queue.length) {
        const send = queue.shift()
        const res = await deliverUntil2xx(target, send.body, store.webhookSecret, {
          attempts,
          onSend: () => {
            inFlight++
            if (onSend) onSend()
          },
          onAttempt: () => inFlight--,
        })
        if (res.gaveUp) {
          acks.push({ send, res, gaveUp: true })
          continue
        }
        acks.push({ send, res })
        acked++
        if (onAck) onAck(acked, () => inFlight)
        await sleep(rand(pauseMs[0], pauseMs[1]))
      }
    })
  )
  return { attempts, acks }
}

/** The plugin's lease (src/modules/moota/stores/lease.ts): claimed_until is the last lease plus this. */
const LEASE_MS = 60_000

/** The bound on recovery: the last capture at most this long after the last 2xx (or the database's return). */
const SETTLE_BOUND_MS = 10_000
/** With FAULT_STRICT_SETTLE=1 a settle time above the bound is a violation (on a quiet machine); else it is reported. */
const STRICT_SETTLE = process.env.FAULT_STRICT_SETTLE === "1"

/**
 * Lets the server alone finish every row (its recovery job takes over what a dead process left), then
 * reports the time from `from.at` (the last 2xx, or PostgreSQL back) to the last capture, a violation
 * above SETTLE_BOUND_MS. Should the server not finish within a minute, recover.ts runs (`medusa exec`),
 * so the money checks still judge the end state.
 */
async function settle(store, phase, ids, from, ackedAt = from.at, lastWaitMs = 60_000) {
  const before = await inboxOf(store.databaseUrl, ids)
  ck.note(phase, "inbox rows unfinished at the check's start", `${before.unfinished} (${JSON.stringify(before.byStatus)})`)
  let after = await waitSettled(store.databaseUrl, ids, 60_000)
  if (!after || after.unfinished) {
    const rescue = await execRecover(store.env)
    ck.note(phase, "medusa exec recover.ts (server did not finish in 60 s)", `captured ${rescue.captured}, failed ${rescue.failed}`)
    after = await waitSettled(store.databaseUrl, ids, lastWaitMs)
  }
  if (after && after.lastCaptureAt !== null && from.at !== ackedAt) {
    ck.note(phase, "last capture after the last 2xx", secs(Math.max(0, after.lastCaptureAt - ackedAt)))
  }
  const settleMs = after && after.lastCaptureAt !== null ? Math.max(0, after.lastCaptureAt - from.at) : null
  const figure = settleMs === null ? "no capture" : secs(settleMs)
  const met = settleMs !== null && settleMs <= SETTLE_BOUND_MS
  if (STRICT_SETTLE) {
    ck.check(phase, `last capture after ${from.label} (bound ${secs(SETTLE_BOUND_MS)})`, `<= ${secs(SETTLE_BOUND_MS)}`, figure, met)
  } else {
    // A speed figure, not a verdict (it depends on the machine's load): FAULT_STRICT_SETTLE=1 makes it one.
    ck.note(phase, `last capture after ${from.label}`, `${figure} (target ${secs(SETTLE_BOUND_MS)}: ${met ? "met" : "MISSED"})`)
  }
  return after
}

/** The shared verdict: orders paid once, controls untouched, inbox complete and finished. */
async function verify(store, phase, paidOrders, unpaidOrders, ids) {
  const problems = []
  for (const o of paidOrders) {
    const p = paidOnceProblems(await orderMoney(store, o.orderId))
    if (p.length) problems.push(`${o.orderId}: ${p.join(", ")}`)
  }
  ck.check(phase, `orders sent a transfer paid exactly once (of ${paidOrders.length})`, paidOrders.length, paidOrders.length - problems.length)
  for (const p of problems.slice(0, 5)) ck.note(phase, "  not paid once", p)

  const extra = []
  for (const o of unpaidOrders) {
    const p = unpaidProblems(await orderMoney(store, o.orderId))
    if (p.length) extra.push(`${o.orderId}: ${p.join(", ")}`)
  }
  if (unpaidOrders.length) ck.check(phase, `orders sent no transfer left unpaid (of ${unpaidOrders.length})`, unpaidOrders.length, unpaidOrders.length - extra.length)

  const inbox = await inboxOf(store.databaseUrl, ids)
  ck.check(phase, "inbox rows == unique mutations", new Set(ids).size, inbox.rows.length)
  ck.check(phase, "inbox rows pending or matched", 0, inbox.unfinished)
  ck.check(phase, "inbox rows processed/captured", ids.length, inbox.byStatus["processed/captured"] || 0)

  const c = await dbClient(store.databaseUrl)
  try {
    const { rows: reviews } = await c.query(`SELECT reason FROM moota_review_item WHERE deleted_at IS NULL AND mutation_id = ANY($1)`, [ids])
    ck.check(phase, "review items (every transfer was exact)", 0, reviews.length)
    const sessions = paidOrders.map((o) => o.sessionId)
    const { rows: res } = await c.query(`SELECT status, count(*)::int AS n FROM moota_reservation WHERE session_id = ANY($1) GROUP BY status`, [sessions])
    const paidRes = res.find((r) => r.status === "paid")
    ck.check(phase, "reservations of paid orders in status paid", sessions.length, paidRes ? paidRes.n : 0)
  } finally {
    await c.end()
  }
}

/**
 * `toPay` orders and CFG.unpaid controls, 4 at a time; for each order to pay, the body of a delivery
 * with one mutation of its exact transfer amount.
 */
async function placeOrders(store, toPay) {
  const placed = await pool(range(toPay + CFG.unpaid), 4, async () => {
    const o = await placeMootaOrder(store)
    return { orderId: o.order_id, sessionId: o.session.id, amount: o.session.data.transfer_amount }
  })
  const paid = placed.slice(0, toPay)
  const bodies = paid.map((o) => {
    const m = mutation({ amount: o.amount })
    return { orderId: o.orderId, id: m.mutation_id, body: JSON.stringify([m]) }
  })
  return { paid, unpaid: placed.slice(toPay), bodies }
}

// ---------------------------------------------------------------------------
// a. kill -9 during deliveries
// ---------------------------------------------------------------------------

async function phaseKill(store) {
  const P = "kill"
  const t0 = Date.now()
  const { paid, unpaid, bodies } = await placeOrders(store, CFG.orders)
  ck.note(P, "orders placed (to pay + control)", `${paid.length} + ${unpaid.length} (${secs(Date.now() - t0)})`)

  // Moota delivers some mutations twice: every fourth body goes out a second time.
  const sends = shuffle(bodies.flatMap((b, i) => (i % 4 === 0 ? [b, b] : [b])))

  const ids = bodies.map((b) => b.id)
  // Kill when the number of 2xx answers reaches random thresholds: always mid-stream. Odd kills come
  // 0-400 ms after a 2xx (the confirmation of what was just stored is running), even ones 0-10 ms after
  // the next request goes out (it may be stored with its answer lost: Moota's retry must not count twice).
  const thresholds = shuffle(range(sends.length - 4).map((i) => i + 2)).slice(0, CFG.kills).sort((a, b) => a - b)
  const kills = []
  let killing = Promise.resolve()
  let armed = null
  let busy = false
  let inFlightNow = () => 0
  const t1 = Date.now()
  const kill = (how, acked, delayMs) => {
    busy = true
    killing = killing.then(async () => {
      await sleep(delayMs)
      const k = { how, atMs: Date.now() - t1, acked, inFlight: inFlightNow() }
      await store.killServer()
      // Stored but not finished when the server died: confirmations the kill cut off.
      const cut = await inboxOf(store.databaseUrl, ids)
      k.cut = `${cut.unfinished} (${cut.rows.filter((r) => r.status === "matched").length} mid-capture)`
      k.cutIds = cut.rows.filter((r) => r.status === "pending" || r.status === "matched").map((r) => r.mutation_id)
      const tr = Date.now()
      await store.restartServer()
      k.restartMs = Date.now() - tr
      k.upAt = Date.now()
      kills.push(k)
      busy = false
    })
  }
  const onAck = (acked, inFlight) => {
    inFlightNow = inFlight
    while (thresholds.length && acked >= thresholds[0]) {
      thresholds.shift()
      if ((CFG.kills - thresholds.length) % 2 === 1) kill("after a 2xx", acked, rand(0, 400))
      else armed = acked
    }
  }
  const onSend = () => {
    if (armed === null || busy) return
    kill("mid-request", armed, rand(0, 10))
    armed = null
  }
  const { attempts, acks } = await stream(store, sends, { onAck, onSend, pauseMs: [100, 700] })
  if (armed !== null) kill("after the last delivery", armed, 0) // no request left to cut
  await killing
  ck.note(P, "deliveries (sends incl. duplicates) / attempts", `${sends.length} / ${attempts.length} in ${secs(Date.now() - t1)}`)
  ck.note(P, "non-2xx attempts (retried)", failureKinds(attempts))
  ck.check(P, "kill -9 of the server (then restarted)", CFG.kills, kills.length)
  for (const k of kills) {
    ck.note(P, `  kill ${k.how}`, `at ${secs(k.atMs)}, ${k.acked} acks, ${k.inFlight} requests in flight, ${k.cut} rows unfinished; back in ${secs(k.restartMs)}`)
  }
  ck.check(P, "deliveries that never got a 2xx", 0, acks.filter((a) => a.gaveUp).length)

  // A kill after the last 2xx leaves no server until the restart is up: the bound counts from then.
  const ackedAt = lastAck(attempts)
  const upAt = Math.max(...kills.map((k) => k.upAt))
  await settle(store, P, ids, upAt > ackedAt ? { at: upAt, label: "the restarted server was up" } : { at: ackedAt, label: "the last 2xx" }, ackedAt)
  // The takeover itself, apart from how fast the rows are then confirmed: when the restarted server
  // leased the rows the last kill cut off (each row's last lease: claimed_until - LEASE_MS).
  const last = kills[kills.length - 1]
  if (last && last.cutIds.length) {
    const cutRows = (await inboxOf(store.databaseUrl, last.cutIds)).rows.filter((r) => r.claimed_until_ms !== null)
    const leasedAt = cutRows.map((r) => r.claimed_until_ms - LEASE_MS)
    if (leasedAt.length) {
      ck.note(P, "rows the last kill cut off, leased again after the server was up", `${cutRows.length} rows, last ${secs(Math.max(...leasedAt) - last.upAt)}`)
    }
  }
  await verify(store, P, paid, unpaid, ids)
  ck.note(P, "phase time", secs(Date.now() - t0))
  return { paid: paid.length }
}

// ---------------------------------------------------------------------------
// b. database restart during load
// ---------------------------------------------------------------------------

async function phaseDb(store, pg) {
  const P = "db"
  const t0 = Date.now()
  const { paid, unpaid, bodies } = await placeOrders(store, CFG.dbOrders)
  ck.note(P, "orders placed (to pay + control)", `${paid.length} + ${unpaid.length}`)
  // No duplicate sends here: each mutation gets exactly one 2xx and is never sent after it, so a 2xx
  // for a mutation that was not stored would leave it missing from the inbox at the end.
  const sends = shuffle([...bodies])

  // A supervisor: should the server die while the database is away, start it again.
  let serverExits = 0
  const watch = (child) => child.once("exit", () => serverExits++)
  watch(store.server)

  const outage = {}
  let outageDone = null
  const threshold = Math.max(2, Math.floor(sends.length * rand(0.2, 0.4)))
  const t1 = Date.now()
  const onAck = (acked) => {
    if (acked < threshold || outageDone) return
    outageDone = (async () => {
      outage.stopAt = Date.now()
      await pg.current.stop()
      outage.downAt = Date.now()
      await sleep(CFG.dbDownMs)
      outage.startAt = Date.now()
      pg.current = await startDatabase({ dataDir: pg.dataDir, port: pg.port, persistent: true, log: () => undefined })
      outage.upAt = Date.now()
      if (store.server.exitCode !== null || store.server.signalCode !== null) {
        await store.restartServer()
        watch(store.server)
      }
    })()
  }
  const { attempts, acks } = await stream(store, sends, { onAck, pauseMs: [150, 600] })
  if (outageDone) await outageDone
  ck.check(P, "PostgreSQL stopped and started mid-load", true, !!outage.upAt)
  if (outage.upAt) {
    ck.note(P, "  outage", `stop took ${secs(outage.downAt - outage.stopAt)}, down ${secs(outage.startAt - outage.downAt)}, start took ${secs(outage.upAt - outage.startAt)}`)
    const sent = attempts.filter((a) => a.t0 >= outage.stopAt && a.t0 <= outage.startAt)
    ck.note(P, "attempts sent while it was stopping or down", `${sent.length}: ${failureKinds(sent, true)}`)
    // Sent after it was down and answered before it came back: a 2xx there stored nothing.
    const lying = attempts.filter((a) => is2xx(a.status) && a.t0 >= outage.downAt && a.t1 <= outage.startAt)
    ck.check(P, "2xx sent and answered while the database was down", 0, lying.length)
  }
  ck.note(P, "server exits during the outage (restarted)", serverExits)
  ck.note(P, "deliveries / attempts", `${sends.length} / ${attempts.length} in ${secs(Date.now() - t1)}`)
  ck.note(P, "non-2xx attempts (retried)", failureKinds(attempts))
  ck.check(P, "deliveries that never got a 2xx", 0, acks.filter((a) => a.gaveUp).length)

  const ids = bodies.map((b) => b.id)
  const ackedAt = lastAck(attempts)
  const from = outage.upAt && outage.upAt > ackedAt ? { at: outage.upAt, label: "PostgreSQL was back" } : { at: ackedAt, label: "the last 2xx" }
  await settle(store, P, ids, from, ackedAt)
  await verify(store, P, paid, unpaid, ids)
  ck.note(P, "phase time", secs(Date.now() - t0))
  return { paid: paid.length }
}

// ---------------------------------------------------------------------------
// c. cart completion racing the webhook
// ---------------------------------------------------------------------------

/** The storefront's "Place order": retried as a storefront would when the answer is not an order. */
async function completeCart(store, cartId) {
  const tries = []
  for (let i = 0; i < 6; i++) {
    let status = 0
    let json = null
    try {
      const res = await fetch(`${store.url}/store/carts/${cartId}/complete`, { method: "POST", headers: { ...store.storeHeaders, "content-type": "application/json" }, body: "{}" })
      status = res.status
      json = await res.json().catch(() => null)
    } catch (e) {
      json = { error: String(e) }
    }
    tries.push(status === 200 && json && json.type === "order" ? "order" : `${status}:${(json && (json.type || json.message || (json.error && json.error.message))) || "?"}`.slice(0, 80))
    if (json && json.type === "order") return { orderId: json.order.id, tries }
    await sleep(300 * (i + 1))
  }
  return { orderId: null, tries }
}

async function phaseRace(store) {
  const P = "race"
  const t0 = Date.now()
  const results = await pool(range(CFG.races), CFG.raceConcurrency, async () => {
    const { id: cartId } = await cartReadyForPayment(store)
    const { session } = await startMootaSession(store, cartId)
    const m = mutation({ amount: session.data.transfer_amount })
    const body = JSON.stringify([m])
    const [completed, delivered] = await Promise.all([completeCart(store, cartId), deliverUntil2xx(() => store.url, body, store.webhookSecret)])
    return { cartId, sessionId: session.id, id: m.mutation_id, completed, delivered }
  })
  ck.note(P, "races (cart completion || signed delivery)", `${results.length} in ${secs(Date.now() - t0)}, ${CFG.raceConcurrency} at a time`)
  const firstTries = {}
  for (const r of results) firstTries[r.completed.tries[0]] = (firstTries[r.completed.tries[0]] || 0) + 1
  ck.note(P, "first completion answer", JSON.stringify(firstTries))
  ck.check(P, "carts completed into an order", results.length, results.filter((r) => r.completed.orderId).length)
  ck.check(P, "deliveries that never got a 2xx", 0, results.filter((r) => r.delivered.gaveUp).length)

  const ids = results.map((r) => r.id)
  let settled = await waitSettled(store.databaseUrl, ids, 60_000)
  if (!settled || settled.unfinished) settled = await settle(store, P, ids, { at: Date.now(), label: "the races" })

  const c = await dbClient(store.databaseUrl)
  let oneOrder = 0
  const orderOf = new Map()
  try {
    const { rows } = await c.query(`SELECT cart_id, count(*)::int AS n, min(order_id) AS order_id FROM order_cart WHERE deleted_at IS NULL AND cart_id = ANY($1) GROUP BY cart_id`, [results.map((r) => r.cartId)])
    for (const row of rows) {
      if (row.n === 1) oneOrder++
      orderOf.set(row.cart_id, row.order_id)
    }
  } finally {
    await c.end()
  }
  ck.check(P, "carts with exactly one order", results.length, oneOrder)
  ck.check(P, "completion answered with that order", results.length, results.filter((r) => r.completed.orderId && r.completed.orderId === orderOf.get(r.cartId)).length)
  const paid = results.filter((r) => orderOf.get(r.cartId)).map((r) => ({ orderId: orderOf.get(r.cartId), sessionId: r.sessionId }))
  await verify(store, P, paid, [], ids)
  ck.note(P, "phase time", secs(Date.now() - t0))
  return { paid: paid.length }
}

// ---------------------------------------------------------------------------
// d. kill -9 of a worker process (Redis profile)
// ---------------------------------------------------------------------------

/** The plugin's advisory lock space (LEASE_LOCK_SPACE in src/modules/moota/stores/lease.ts). */
const LEASE_LOCK_SPACE = 0x6d6f6f74
/** The worker's connections carry this application_name (node-pg reads PGAPPNAME): its lease key is told apart by it. */
const WORKER_APP = "moota-fault-worker"

/** Unfinished rows of these mutations leased by the worker process (the holder of the lease key's lock is one of its sessions). */
async function workerRows(c, ids) {
  const { rows } = await c.query(
    `SELECT i.mutation_id, i.status FROM moota_inbox_mutation i
     WHERE i.deleted_at IS NULL AND i.mutation_id = ANY($1) AND i.status IN ('pending', 'matched')
       AND i.lease_owner IN (SELECT l.objid::bigint FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.classid::bigint = $2 AND l.objsubid = 2 AND l.granted AND a.application_name = $3)`,
    [ids, LEASE_LOCK_SPACE, WORKER_APP]
  )
  return rows
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(1)).join(" / ")

/**
 * A store of its own on Redis (as `npm run test:redis` runs one): the server in shared mode (HTTP and
 * jobs: the survivor) and a worker. Deliveries stream in; once the worker holds unfinished rows (one
 * mid-capture if that comes within 3 s; FAULT_WORKER_KILL=leased: none mid-capture), it is killed with
 * -9 and not restarted: the server's recovery job must take over its rows. A capture cut off mid-way
 * leaves Medusa's cart lock (processPaymentWorkflow's, 2 minutes in Redis) held by the dead process:
 * the server's resumed capture lets go of it (the cart is completed), and would otherwise wait for it.
 */
async function phaseWorker() {
  const P = "worker"
  if (spawnSync("redis-server", ["--version"]).error) {
    ck.note(P, "SKIPPED: no redis-server on PATH (the Redis profile needs it); install with", REDIS_INSTALL)
    return { paid: 0 }
  }
  const t0 = Date.now()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "moota-fault-redis-"))
  let redis = null
  let store = null
  let db = null
  try {
    redis = await startRedis(tmp)
    store = await startScriptStore({ env: { REDIS_URL: redis.url }, serverEnv: { MEDUSA_WORKER_MODE: "shared" } })
    const worker = await store.startServer({ name: "worker", env: { MEDUSA_WORKER_MODE: "worker", PGAPPNAME: WORKER_APP } })
    ck.note(P, "Redis store up: server (shared: HTTP + jobs) + worker", secs(Date.now() - t0))
    ck.note(P, "load average 1 / 5 / 15 min at the phase's start", loadavg())
    await cartReadyForPayment(store)
    const { paid, unpaid, bodies } = await placeOrders(store, CFG.workerOrders)
    ck.note(P, "orders placed (to pay + control)", `${paid.length} + ${unpaid.length}`)
    const sends = shuffle(bodies.flatMap((b, i) => (i % 4 === 0 ? [b, b] : [b])))
    const ids = bodies.map((b) => b.id)
    db = await dbClient(store.databaseUrl)

    const t1 = Date.now()
    let acked = 0
    let streaming = true
    const killed = {}
    // The kill: from a quarter of the acks on, as soon as the worker holds unfinished rows.
    const killer = (async () => {
      let firstSeen = null
      while (streaming || !killed.at) {
        if (acked >= sends.length / 4 || !streaming) {
          const rows = await workerRows(db, ids)
          if (rows.length && firstSeen === null) firstSeen = Date.now()
          const midCapture = rows.some((r) => r.status === "matched")
          const now = CFG.workerKill === "leased" ? rows.length && !midCapture : rows.length && (midCapture || Date.now() - firstSeen > 3000 || !streaming)
          if (now) {
            killed.acked = acked
            killed.at = Date.now()
            await worker.kill()
            killed.cutIds = rows.map((r) => r.mutation_id)
            killed.cut = `${rows.length} (${rows.filter((r) => r.status === "matched").length} mid-capture)`
            return
          }
          if (!streaming && !rows.length && (await inboxOf(store.databaseUrl, ids)).unfinished === 0) return // nothing left to cut
        }
        await sleep(50)
      }
    })()
    const { attempts, acks } = await stream(store, sends, { onAck: (n) => (acked = n), pauseMs: [50, 300] })
    streaming = false
    await killer
    ck.note(P, "deliveries (sends incl. duplicates) / attempts", `${sends.length} / ${attempts.length} in ${secs(Date.now() - t1)}`)
    ck.note(P, "non-2xx attempts (retried)", failureKinds(attempts))
    ck.check(P, "deliveries that never got a 2xx", 0, acks.filter((a) => a.gaveUp).length)
    ck.check(P, "worker killed -9 while holding unfinished rows", "yes", killed.at ? "yes" : "no (it held none)")
    if (!killed.at) await worker.kill()
    else ck.note(P, "  kill", `at ${secs(killed.at - t1)}, ${killed.acked} of ${sends.length} acks, ${killed.cut} rows the worker held`)

    const ackedAt = lastAck(attempts)
    const from = killed.at && killed.at > ackedAt ? { at: killed.at, label: "the kill" } : { at: ackedAt, label: "the last 2xx" }
    // Should the resumed capture of a row cut off mid-way still wait for Medusa's cart lock in Redis
    // (2-minute expiry) and then for the server's next try (INBOX_LEASE_MS), the money checks still see
    // it finished: up to about 3 minutes after the kill. The settle figure says whether it waited.
    await settle(store, P, ids, from, ackedAt, 180_000)
    if (killed.cutIds) {
      const cutRows = (await inboxOf(store.databaseUrl, killed.cutIds)).rows.filter((r) => r.claimed_until_ms !== null)
      const leasedAt = cutRows.map((r) => r.claimed_until_ms - LEASE_MS)
      if (leasedAt.length) ck.note(P, "the worker's rows, leased again by the server after the kill", `${cutRows.length} rows, last ${secs(Math.max(...leasedAt) - killed.at)}`)
    }
    await verify(store, P, paid, unpaid, ids)
    await globalCheck(store, paid.length, P)
    ck.note(P, "load average 1 / 5 / 15 min at the phase's end", loadavg())
    ck.note(P, "phase time", secs(Date.now() - t0))
    return { paid: 0 } // checked against its own store above
  } finally {
    if (db) await db.end().catch(() => undefined)
    if (store) await store.stop()
    if (redis) await redis.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------

/** Whole store: payments and captures exist only for the orders that were sent a transfer. */
async function globalCheck(store, expectedPaid, phase = "all") {
  const c = await dbClient(store.databaseUrl)
  try {
    const one = async (q) => (await c.query(q)).rows[0].n
    ck.check(phase, "payments in the store == orders sent a transfer", expectedPaid, await one(`SELECT count(*)::int AS n FROM payment WHERE deleted_at IS NULL`))
    ck.check(phase, "captures in the store == orders sent a transfer", expectedPaid, await one(`SELECT count(*)::int AS n FROM capture WHERE deleted_at IS NULL`))
    ck.check(phase, "refunds in the store", 0, await one(`SELECT count(*)::int AS n FROM refund WHERE deleted_at IS NULL`))
    ck.check(phase, "payment sessions with more than one payment", 0, await one(`SELECT count(*)::int AS n FROM (SELECT payment_session_id FROM payment WHERE deleted_at IS NULL GROUP BY 1 HAVING count(*) > 1) s`))
    ck.check(phase, "inbox rows pending or matched (whole store)", 0, await one(`SELECT count(*)::int AS n FROM moota_inbox_mutation WHERE deleted_at IS NULL AND status IN ('pending','matched')`))
  } finally {
    await c.end()
  }
}

async function main() {
  const tStart = Date.now()
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "moota-fault-"))
  fs.chmodSync(base, 0o755) // PostgreSQL runs as the postgres user when we are root
  const pg = { current: null, dataDir: path.join(base, "pg"), port: null }
  // Whatever ends this process: no PostgreSQL left on the temp data dir, no temp dir left.
  const onExit = () => {
    try {
      const pid = Number(fs.readFileSync(path.join(pg.dataDir, "postmaster.pid"), "utf8").split("\n")[0])
      if (pid > 0) process.kill(pid, "SIGQUIT")
    } catch {
      // not running
    }
    fs.rmSync(base, { recursive: true, force: true })
  }
  process.on("exit", onExit)

  let store = null
  let code = 0
  try {
    const t0 = Date.now()
    pg.current = await startDatabase({ dataDir: pg.dataDir, persistent: true, log: () => undefined })
    pg.port = pg.current.port
    // The store creates its database on this server (and drops it at stop); restarting this server
    // is the database outage of phase "db".
    process.env.DATABASE_URL = pg.current.url
    const phases = { kill: () => phaseKill(store), db: () => phaseDb(store, pg), race: () => phaseRace(store), worker: () => phaseWorker() }
    const unknown = CFG.phases.filter((name) => !phases[name])
    if (unknown.length) throw new Error(`unknown phase ${unknown.join(", ")}; choose from ${Object.keys(phases).join(", ")}`)
    // The worker phase boots a store of its own (on Redis): the shared store only for the others.
    if (CFG.phases.some((name) => name !== "worker")) {
      store = await startScriptStore()
      ck.note("setup", "store ready (PostgreSQL, sandbox, migrate, seed, medusa start)", secs(Date.now() - t0))
      // Every cart uses one guest e-mail; Medusa creates its guest customer on first use and two carts
      // doing that at once collide ("already exists"). One cart first, then carts run in parallel.
      await cartReadyForPayment(store)
    }

    let expectedPaid = 0
    for (const name of CFG.phases) {
      log(`fault phase "${name}"...`)
      expectedPaid += (await phases[name]()).paid
    }
    if (store) await globalCheck(store, expectedPaid)
  } catch (e) {
    ck.check("run", "the suite ran to its end", "yes", `no: ${(e && e.message) || e}`.split("\n")[0], false)
    process.stderr.write(`${(e && e.stack) || e}\n`)
  } finally {
    if (store) await store.stop()
    if (pg.current) await pg.current.stop().catch(() => undefined)
    process.off("exit", onExit)
    onExit()
  }
  ck.note("all", "total time", secs(Date.now() - tStart))
  printTable(ck.rows)
  const v = ck.violations()
  if (v.length) {
    process.stdout.write(`FAULT SUITE: ${v.length} violation(s)\n`)
    code = 1
  } else {
    process.stdout.write("FAULT SUITE: no violation\n")
  }
  return code
}

if (require.main === module) {
  runScript(main)
}

module.exports = { main }
