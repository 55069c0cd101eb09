"use strict"

/**
 * Shared by the fault suite (scripts/fault/run.js) and the Redis scale-out profile
 * (scripts/scale/redis-profile.js): signed deliveries with Moota's retry behaviour, `medusa exec` of
 * the recovery script, what a paid or unpaid order must look like, the database's view of the inbox,
 * and a small table of checks. Stores, orders and mutations come from the test kit.
 */
const { postWebhook, signatureHeader, medusaExec, sleep } = require("../../test-kit")

// ---------------------------------------------------------------------------
// Moota deliveries
// ---------------------------------------------------------------------------

/**
 * One signed POST of raw bytes to /hooks/moota: { status (0 = no answer), json, error, t0, t1 }. Gives
 * up after 10 s, as the sandbox's deliveries do: no answer in time is a failed delivery, retried.
 */
async function postDelivery(baseUrl, body, secret, timeoutMs = 10_000) {
  const t0 = Date.now()
  try {
    const { status, json } = await postWebhook(baseUrl, body, signatureHeader(body, secret), { timeoutMs })
    return { status, json, t0, t1: Date.now() }
  } catch (e) {
    return { status: 0, error: (e && e.cause && e.cause.code) || (e && e.name) || String(e), t0, t1: Date.now() }
  }
}

/**
 * Delivers `body` the way Moota does: again and again, with a growing pause, until a 2xx.
 * `baseUrls` (a function or a list) picks where each attempt goes. Every attempt is recorded.
 */
async function deliverUntil2xx(baseUrls, body, secret, { attempts, giveUpMs = 300_000, onSend, onAttempt } = {}) {
  const pick = typeof baseUrls === "function" ? baseUrls : (i) => baseUrls[i % baseUrls.length]
  const start = Date.now()
  let pause = 200
  for (let i = 0; ; i++) {
    if (onSend) onSend()
    const res = await postDelivery(pick(i), body, secret)
    if (attempts) attempts.push(res)
    if (onAttempt) onAttempt(res)
    if (res.status >= 200 && res.status < 300) return res
    if (Date.now() - start > giveUpMs) return { ...res, gaveUp: true }
    await sleep(pause + Math.random() * pause)
    pause = Math.min(pause * 2, 2000)
  }
}

// ---------------------------------------------------------------------------
// Recovery through `medusa exec`
// ---------------------------------------------------------------------------

/** Runs scripts/fault/recover.ts in a Medusa process of its own; resolves with its summary. */
async function execRecover(env, timeoutMs = 180_000) {
  const t0 = Date.now()
  const summary = await medusaExec("./scripts/fault/recover.ts", { env, marker: "RECOVER_RESULT ", timeoutMs })
  return { ...summary, ms: Date.now() - t0 }
}

// ---------------------------------------------------------------------------
// What the merchant sees (the kit's orderMoney), and what the database holds
// ---------------------------------------------------------------------------

/** Problems with an order that should be paid exactly once (empty: fine). */
function paidOnceProblems(m) {
  const p = []
  if (m.payments !== 1) p.push(`${m.payments} payments`)
  if (m.captures !== 1) p.push(`${m.captures} captures`)
  if (m.captured !== m.total) p.push(`captured ${m.captured} of ${m.total}`)
  if (m.paid_total !== m.total) p.push(`order ledger paid ${m.paid_total} of ${m.total}`)
  if (m.payment_status !== "captured") p.push(`payment_status ${m.payment_status}`)
  return p
}

/** Problems with an order that was sent no transfer (empty: fine). */
function unpaidProblems(m) {
  const p = []
  if (m.payments !== 0) p.push(`${m.payments} payments`)
  if (m.captured !== 0) p.push(`captured ${m.captured}`)
  if (m.payment_status === "captured") p.push("payment_status captured")
  return p
}

/** Runs fn over items, `concurrency` at a time; results in order. */
async function pool(items, concurrency, fn) {
  const results = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await fn(items[i], i)
      }
    })
  )
  return results
}

/** A pg client on the store's database (127.0.0.1: the servers bind nothing else). */
async function dbClient(databaseUrl) {
  const { Client } = require("pg")
  const u = new URL(databaseUrl)
  if (u.hostname === "localhost") u.hostname = "127.0.0.1"
  const c = new Client({ connectionString: u.toString() })
  c.on("error", () => undefined) // a database restart ends idle connections; queries report their own errors
  await c.connect()
  return c
}

/** The inbox rows of these mutation ids: { rows, byStatus, unfinished }. */
async function inboxOf(databaseUrl, mutationIds) {
  const c = await dbClient(databaseUrl)
  try {
    const { rows } = await c.query(
      `SELECT mutation_id, status, outcome, reservation_id, attempts, last_error,
         (extract(epoch FROM processed_at) * 1000)::float8 AS processed_ms,
         (extract(epoch FROM claimed_until) * 1000)::float8 AS claimed_until_ms FROM moota_inbox_mutation
       WHERE deleted_at IS NULL AND mutation_id = ANY($1)`,
      [mutationIds]
    )
    const byStatus = {}
    for (const r of rows) byStatus[`${r.status}/${r.outcome}`] = (byStatus[`${r.status}/${r.outcome}`] || 0) + 1
    const captured = rows.filter((r) => r.outcome === "captured").map((r) => r.processed_ms)
    return {
      rows,
      byStatus,
      unfinished: rows.filter((r) => r.status === "pending" || r.status === "matched").length,
      /** When the last of them was captured (the database's clock, the same host's). */
      lastCaptureAt: captured.length ? Math.max(...captured) : null,
    }
  } finally {
    await c.end()
  }
}

/** Polls until no inbox row of these mutations is pending or matched, or the time is up. */
async function waitSettled(databaseUrl, mutationIds, ms) {
  const end = Date.now() + ms
  let last = null
  for (;;) {
    try {
      last = await inboxOf(databaseUrl, mutationIds)
      if (last.unfinished === 0 && last.rows.length === new Set(mutationIds).size) return last
    } catch {
      // the database may be coming back
    }
    if (Date.now() > end) return last
    await sleep(250)
  }
}

// ---------------------------------------------------------------------------
// Checks and the summary table
// ---------------------------------------------------------------------------

function checklist() {
  const rows = []
  return {
    rows,
    /** Records a check; `ok` false is a violation. */
    check(phase, name, expected, observed, ok = String(expected) === String(observed)) {
      rows.push({ phase, name, expected: String(expected), observed: String(observed), ok: !!ok })
      return ok
    },
    /** Records a figure (no pass/fail). */
    note(phase, name, observed) {
      rows.push({ phase, name, expected: "", observed: String(observed), ok: null })
    },
    violations: () => rows.filter((r) => r.ok === false),
  }
}

function printTable(rows, out = process.stdout) {
  const cols = ["phase", "check", "expected", "observed", "result"]
  const data = rows.map((r) => [r.phase, r.name, r.expected, r.observed, r.ok === null ? "" : r.ok ? "ok" : "VIOLATION"])
  const width = cols.map((c, i) => Math.min(i === 3 ? 100 : 64, Math.max(c.length, ...data.map((d) => d[i].length))))
  const line = (cells) => cells.map((c, i) => (c.length > width[i] ? c.slice(0, width[i] - 1) + "…" : c.padEnd(width[i]))).join("  ")
  out.write(`\n${line(cols)}\n${width.map((w) => "-".repeat(w)).join("  ")}\n`)
  for (const d of data) out.write(`${line(d)}\n`)
  out.write("\n")
}

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`

module.exports = {
  postDelivery,
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
}
