import { extname, join } from "node:path"
import { Worker } from "node:worker_threads"
import type { PoolConfig } from "pg"
import type { DeliveryOptions } from "./delivery"
import type { ListenerData, ListenerMessage } from "./listener-thread"

/**
 * Medusa's side of the plugin's own webhook listener (option `webhookListener`): starts the thread of
 * listener-thread.ts, hands the rows it stored to the confirmations, writes its log lines to Medusa's
 * logger, starts it again if it dies, and closes it when Medusa shuts down.
 */

type Logger = { info(m: string): void; warn(m: string): void; error(m: string): void }

/** The part of knex's client the listener reads its connection from (Medusa's PG_CONNECTION). */
export type KnexLike = { client: { config: { connection?: unknown; searchPath?: string | string[] } } }

export type ListenerSetup = {
  host: string
  port: number
  options: DeliveryOptions
  knex: KnexLike
  /** New inbox rows to confirm (Medusa's event for them). */
  received: (ids: string[]) => Promise<void>
  logger: Logger
}

/** Settings node-pg takes that can cross into a thread (no functions: e.g. a dynamic password). */
const COPIED = [
  "connectionString",
  "host",
  "port",
  "user",
  "database",
  "password",
  "ssl",
  "connectionTimeoutMillis",
  "keepAlive",
  "keepAliveInitialDelayMillis",
  "idle_in_transaction_session_timeout",
] as const

/** The pool settings of Medusa's own connection, with its schema; null when they cannot be copied. */
export function poolConfigOf(knex: KnexLike): PoolConfig | null {
  const { connection, searchPath } = knex.client.config
  const source = (typeof connection === "string" ? { connectionString: connection } : connection) as Record<string, unknown> | undefined
  if (!source || typeof source !== "object" || typeof source.password === "function") {
    return null
  }
  const config: Record<string, unknown> = {}
  for (const key of COPIED) {
    if (source[key] !== undefined && typeof source[key] !== "function") config[key] = source[key]
  }
  const schema = Array.isArray(searchPath) ? searchPath.join(",") : searchPath
  if (schema && schema !== "public") {
    config.options = `-c search_path=${schema}`
  }
  return config as PoolConfig
}

/** In the plugin's own TypeScript tests and dev store the thread's file is TypeScript too. */
function threadEntry(file?: string): { file: string; execArgv: string[] } {
  const ext = extname(__filename)
  const entry = file ?? join(__dirname, `listener-thread${ext}`)
  return { file: entry, execArgv: extname(entry) === ".ts" ? ["--require", require.resolve("ts-node/register/transpile-only")] : [] }
}

export class WebhookListener {
  private worker: Worker | null = null
  private closing: Promise<void> | null = null
  private stopped = false
  private restarts = 0
  private port_: number | null = null

  constructor(private readonly setup: ListenerSetup & { /** Tests only: another thread file. */ threadFile?: string }) {}

  /** The port it listens on (useful with port 0), or null while it does not. */
  get port(): number | null {
    return this.port_
  }

  /**
   * Starts the thread; resolves once it listens, or after logging why it cannot. A thread that
   * listened and then died is started again (1 s, doubling to 30 s); one that never listened (the
   * port is taken, its file does not load) is not: the log says why, and the next boot tries again.
   */
  async start(): Promise<void> {
    const { setup } = this
    const connection = poolConfigOf(setup.knex)
    if (!connection) {
      setup.logger.error(
        "moota: the webhook listener is not started: Medusa's database connection uses settings a thread cannot copy " +
          "(e.g. a dynamic password). Moota's webhook through Medusa (/hooks/moota) works as before."
      )
      return
    }
    // What a delivery is checked against, and nothing more (no API token in the thread).
    const { webhookSecrets, webhookMaxBytes, webhookIpAllowlist, trustProxy } = setup.options
    const options = { webhookSecrets, webhookMaxBytes, webhookIpAllowlist, trustProxy }
    const data: ListenerData = { options, connection, host: setup.host, port: setup.port }
    const { file, execArgv } = threadEntry(setup.threadFile)
    const worker = new Worker(file, { workerData: data, execArgv })
    this.worker = worker
    worker.unref()
    let listened = false
    await new Promise<void>((resolve) => {
      worker.on("message", (m: ListenerMessage) => {
        switch (m.type) {
          case "listening":
            listened = true
            this.port_ = m.port
            this.restarts = 0
            setup.logger.info(`moota: webhook listener on ${setup.host}:${m.port}`)
            resolve()
            return
          case "failed":
            setup.logger.error(
              `moota: the webhook listener cannot listen on ${setup.host}:${setup.port} (${m.message}). ` +
                "Deliveries sent to that port are not received; Medusa's own /hooks/moota still answers."
            )
            void worker.terminate()
            return
          case "received":
            // Stored already: if this fails, the recovery job confirms the rows.
            setup.received(m.ids).catch((e: unknown) => setup.logger.warn(`moota: new deliveries wait for the recovery job (${String(e)})`))
            return
          case "log":
            setup.logger[m.level](m.message)
            return
          case "closed":
            return
        }
      })
      worker.on("error", (e) => setup.logger.error(`moota: the webhook listener stopped on an error (${e.message})`))
      worker.on("exit", () => {
        this.port_ = null
        if (this.worker === worker) this.worker = null
        resolve()
        if (listened && !this.stopped) this.restartLater()
      })
    })
  }

  private restartLater(): void {
    const delay = Math.min(30_000, 1_000 * 2 ** this.restarts++)
    setTimeout(() => {
      if (this.stopped || this.worker) return
      this.start().catch((e: unknown) => this.setup.logger.error(`moota: the webhook listener did not start again (${String(e)})`))
    }, delay).unref()
  }

  /** Stops taking deliveries and lets those in flight be answered (at most `graceMs`). Once. */
  close(graceMs = 5_000): Promise<void> {
    this.stopped = true
    this.closing ??= this.close_(graceMs)
    return this.closing
  }

  private async close_(graceMs: number): Promise<void> {
    const worker = this.worker
    if (!worker) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs)
      worker.once("exit", () => {
        clearTimeout(timer)
        resolve()
      })
      worker.on("message", (m: ListenerMessage) => {
        if (m.type === "closed") void worker.terminate()
      })
      worker.postMessage({ type: "close" })
    })
    await worker.terminate()
    this.worker = null
    this.port_ = null
  }
}
