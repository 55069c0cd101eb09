#!/usr/bin/env node
"use strict"

/**
 * The durable floor of a webhook ack, for the webhook benchmark: a bare Node HTTP server with one
 * node-pg pool that verifies Moota's HMAC over the raw body, parses the JSON array and commits the
 * same columns our inbox keeps with one `INSERT … ON CONFLICT DO NOTHING` before answering 200. No
 * framework, no validation beyond that, no events: what any store-before-ack route must at least pay.
 *
 *   node scripts/bench/floor-server.js <database url> <secret>   (prints "FLOOR_LISTENING <port>")
 * Listens on 127.0.0.1 only, on a free port; stops on SIGTERM or when its parent goes away.
 */
const http = require("node:http")
const crypto = require("node:crypto")
const { Pool } = require("pg")

const [databaseUrl, secret] = process.argv.slice(2)
const pool = new Pool({ connectionString: databaseUrl, max: 10 })

const TABLE = `CREATE TABLE IF NOT EXISTS bench_floor_inbox (
  id text PRIMARY KEY, bank_id text NOT NULL, mutation_id text NOT NULL, type text NOT NULL, amount integer,
  amount_raw text NOT NULL, account_number_masked text, description text, mutation_date timestamptz,
  payment_detail jsonb, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (bank_id, mutation_id))`

function verified(raw, header) {
  if (typeof header !== "string" || !/^[0-9a-f]{64}$/.test(header)) return false
  const want = crypto.createHmac("sha256", secret).update(raw).digest()
  return crypto.timingSafeEqual(want, Buffer.from(header, "hex"))
}

async function store(rows) {
  const values = rows.map((m) => ({
    id: crypto.randomUUID(),
    bank_id: String(m.bank_id),
    mutation_id: String(m.mutation_id),
    type: String(m.type),
    amount: Number.isInteger(Number(m.amount)) ? Number(m.amount) : null,
    amount_raw: String(m.amount),
    account_number_masked: m.account_number ? String(m.account_number).slice(-4) : null,
    description: m.description ?? null,
    mutation_date: m.date ?? null,
    payment_detail: m.payment_detail ?? null,
  }))
  await pool.query(
    `INSERT INTO bench_floor_inbox (id, bank_id, mutation_id, type, amount, amount_raw, account_number_masked, description,
       mutation_date, payment_detail)
     SELECT r.id, r.bank_id, r.mutation_id, r.type, r.amount, r.amount_raw, r.account_number_masked, r.description,
       r.mutation_date, r.payment_detail
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, bank_id text, mutation_id text, type text, amount integer, amount_raw text,
       account_number_masked text, description text, mutation_date timestamptz, payment_detail jsonb)
     ON CONFLICT (bank_id, mutation_id) DO NOTHING`,
    [JSON.stringify(values)]
  )
}

const server = http.createServer((req, res) => {
  const chunks = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", async () => {
    const raw = Buffer.concat(chunks)
    if (!verified(raw, req.headers["signature"])) {
      res.writeHead(401).end()
      return
    }
    try {
      const rows = JSON.parse(raw.toString("utf8"))
      if (!Array.isArray(rows)) throw new Error("not an array")
      await store(rows)
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, received: rows.length }))
    } catch {
      res.writeHead(400).end()
    }
  })
})

pool
  .query(TABLE)
  .then(() => server.listen(0, "127.0.0.1", () => process.stdout.write(`FLOOR_LISTENING ${server.address().port}\n`)))
  .catch((e) => {
    console.error(e.message)
    process.exit(1)
  })

const stop = () => server.close(() => pool.end().then(() => process.exit(0)))
process.on("SIGTERM", stop)
process.on("disconnect", stop)
setInterval(() => {
  if (process.ppid === 1) stop()
}, 1000).unref()
