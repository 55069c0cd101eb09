import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { parentPort, workerData } from "node:worker_threads"
import { Pool, type PoolConfig } from "pg"
import { insertInbox } from "../../modules/moota/stores/inbox-insert"
import type { SqlRunner } from "../../modules/moota/stores/sql"
import { answerDelivery, type DeliveryOptions } from "./delivery"

/**
 * The plugin's own webhook listener, in a worker thread of the Medusa process (started by listener.ts).
 * It answers Moota exactly as the route does (delivery.ts), on an event loop and database connections
 * of its own: a flash sale's confirmations keep Medusa's event loop busy, and an answer there waits
 * behind them. New inbox rows go to Medusa's thread as a message, which hands them to the
 * confirmations; if that message is lost (a crash right after the answer), the rows are in the inbox
 * and the recovery job confirms them.
 */

export type ListenerData = {
  options: DeliveryOptions
  connection: PoolConfig
  host: string
  port: number
}

/** What the thread tells Medusa's thread. */
export type ListenerMessage =
  | { type: "listening"; port: number }
  | { type: "failed"; message: string }
  | { type: "received"; ids: string[] }
  | { type: "log"; level: "info" | "warn" | "error"; message: string }
  | { type: "closed" }

const data = workerData as ListenerData
const port = parentPort!
const send = (m: ListenerMessage) => port.postMessage(m)

// Deliveries come one at a time from Moota (and a few at once in a burst): a small pool is enough.
const pool = new Pool({ ...data.connection, max: 4 })
pool.on("error", (e) => send({ type: "log", level: "warn", message: `moota webhook listener: a database connection failed (${e.message})` }))

/** The store's statement with knex's `?` placeholders, as node-pg's `$n` (it holds no other `?`). */
const db: SqlRunner = {
  async execute<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    let n = 0
    const result = await pool.query(
      sql.replace(/\?/g, () => `$${++n}`),
      params
    )
    return result.rows as T[]
  },
}

const log = {
  info: (message: string) => send({ type: "log", level: "info", message }),
  warn: (message: string) => send({ type: "log", level: "warn", message }),
  error: (message: string) => send({ type: "log", level: "error", message }),
}

// Timeouts are checked every second (Node's default is every 30 s), so a client that stalls cannot
// hold a connection for a minute; Moota sends a few deliveries at a time, never hundreds.
const server: Server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
  const reply = (status: number, body: Record<string, unknown>) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" })
    res.end(JSON.stringify(body))
  }
  if (req.method !== "POST") {
    req.resume()
    res.setHeader("allow", "POST")
    reply(405, { message: "Moota's webhook is a POST" })
    return
  }
  answerDelivery(req, {
    options: data.options,
    ingest: (rows) => insertInbox(db, rows, "webhook"),
    received: (ids) => send({ type: "received", ids }),
    log,
    name: "moota webhook listener",
  }).then(
    (answer) => reply(answer.status, answer.body),
    (e: unknown) => {
      // Not stored: Moota retries a delivery that was not answered 2xx.
      log.error(`moota webhook listener: a delivery could not be stored (${e instanceof Error ? e.message : String(e)})`)
      if (!res.headersSent) reply(500, { message: "The delivery could not be stored; send it again" })
    }
  )
})
server.requestTimeout = 30_000
server.headersTimeout = 10_000
server.maxConnections = 100

let listening = false
server.on("error", (e) => {
  if (!listening) {
    // The port is taken, or the address is not this machine's: nothing to retry until the next boot.
    send({ type: "failed", message: e.message })
    return
  }
  // Listening, then failing (out of file handles, say): end the thread; Medusa's side starts it again.
  log.error(`moota webhook listener: stopped on an error (${e.message})`)
  process.exit(1)
})
server.listen(data.port, data.host, () => {
  listening = true
  send({ type: "listening", port: (server.address() as AddressInfo).port })
})

let ending = false
port.on("message", (m: { type: string }) => {
  if (m.type !== "close" || ending) return
  ending = true
  // Stop taking connections, let the deliveries in flight be answered, then close the pool.
  server.close(() => {
    pool.end().then(
      () => send({ type: "closed" }),
      () => send({ type: "closed" })
    )
  })
  server.closeIdleConnections()
})
