import { spawn, type ChildProcess } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import devDefaults from "../../../scripts/dev-defaults.json"
import type { SeedResult } from "../../../scripts/seed-dev-store"

/**
 * A real store for browser tests, started from nothing but this checkout: a fresh database (embedded
 * PostgreSQL in a temp folder, or a new database on DATABASE_URL's server), migrations, the dev seed
 * (`medusa exec ./scripts/seed-dev-store.ts`), an admin user (`medusa user`), the Moota sandbox as a
 * child process wired to the store's webhook, then `medusa start` on 127.0.0.1. See ../README.md.
 *
 * The admin dashboard is served by Vite in development mode (NODE_ENV=development): `medusa build`
 * would write the dashboard into this repository's `.medusa/server`, the plugin's own build output.
 * Everything started here runs in its own process group and is stopped by `stop()`.
 */

const root = resolve(__dirname, "..", "..", "..")
const medusaBin = join(root, "node_modules", ".bin", "medusa")
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveDatabase } = require("../../../scripts/lib/embedded-db") as {
  resolveDatabase: (opts: { persistent: boolean; log: (l: string) => void }) => Promise<EmbeddedDb>
}

type EmbeddedDb = { host: string; port: number; user: string; password: string; url: string; external: boolean; stop(): Promise<void> }

export type StoreOptions = {
  /** Port of the store on 127.0.0.1; a free one by default. */
  port?: number
  /** Serve the admin dashboard at /app (default true). Without it the store boots faster. */
  admin?: boolean
  /** Start the Moota sandbox and point the plugin at it (default true). */
  sandbox?: boolean
  /** Extra plugin options, merged over the dev defaults (MOOTA_OPTIONS_JSON). */
  mootaOptions?: Record<string, unknown>
  /** Extra environment for the store's processes (wins over everything set here). */
  env?: Record<string, string | undefined>
  /** Extra origins allowed by CORS (a storefront on another port). */
  corsOrigins?: string[]
  /** Admin login (created with `medusa user`). */
  adminUser?: { email: string; password: string }
  /** Per-line output of the store's processes; default: kept in a tail shown on failure. BROWSER_VERBOSE=1 prints all. */
  log?: (line: string) => void
  /** How long `medusa start` may take to answer /health (default 180 s). */
  readyTimeoutMs?: number
}

export type SandboxTransfer = { bank_id?: string; amount: number; type?: "CR" | "DB"; description?: string; push?: boolean }

export type RunningStore = {
  /** e.g. http://127.0.0.1:43123 */
  url: string
  /** The dashboard, when `admin` is on. */
  adminUrl: string | null
  port: number
  databaseUrl: string
  seed: SeedResult
  publishableKey: string
  admin: { email: string; password: string }
  /** The sandbox's URL and API token, when `sandbox` is on. */
  sandbox: { url: string; apiBaseUrl: string; token: string } | null
  /** The webhook secret shared by the store and the sandbox's webhook. */
  webhookSecret: string
  storeHeaders: Record<string, string>
  /** A fresh admin bearer token's headers (POST /auth/user/emailpass). */
  adminHeaders(): Promise<Record<string, string>>
  /** fetch + JSON against the store; throws with the answer on a non-2xx status. */
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>
  /** A bank transfer in the sandbox, pushed to the store's webhook like Moota would. */
  transfer(input: SandboxTransfer): Promise<{ mutation: Record<string, any>; deliveries: { status: number | null }[] }>
  /** Milliseconds per boot phase (database, sandbox, migrate, seed, user, server). */
  timings: Record<string, number>
  /** The last lines the store's processes printed. */
  tail(): string[]
  stop(): Promise<void>
}

const DEFAULT_ADMIN = { email: "admin@toko-contoh.test", password: "browser-admin-password" }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer()
    srv.once("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolvePort(port))
    })
  })
}

async function waitForHttp(url: string, ms: number, alive: () => boolean): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (!alive()) {
      throw new Error(`the process that should serve ${url} exited`)
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) })
      if (res.ok) {
        return
      }
    } catch {
      // not up yet
    }
    await sleep(250)
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`)
}

export async function startStore(options: StoreOptions = {}): Promise<RunningStore> {
  const withAdmin = options.admin ?? true
  const withSandbox = options.sandbox ?? true
  const adminUser = options.adminUser ?? DEFAULT_ADMIN
  const verbose = process.env.BROWSER_VERBOSE === "1"
  const tmp = mkdtempSync(join(tmpdir(), "moota-browser-store-"))
  const children = new Set<ChildProcess>()
  const tail: string[] = []
  const timings: Record<string, number> = {}
  let db: EmbeddedDb | null = null
  let dropDb: (() => Promise<void>) | null = null
  let stopping: Promise<void> | null = null

  const note = (line: string) => {
    tail.push(line)
    if (tail.length > 80) {
      tail.shift()
    }
    options.log?.(line)
    if (verbose) {
      process.stderr.write(`${line}\n`)
    }
  }
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now()
    const result = await fn()
    timings[name] = Date.now() - t
    note(`[store] ${name}: ${timings[name]} ms`)
    return result
  }

  function spawnChild(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): ChildProcess {
    if (stopping) {
      throw new Error("the store is stopping")
    }
    // Its own process group, so stop() also reaches what it forks.
    const child = spawn(cmd, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    children.add(child)
    child.on("exit", () => children.delete(child))
    for (const stream of [child.stdout!, child.stderr!]) {
      let buf = ""
      stream.setEncoding("utf8")
      stream.on("data", (d: string) => {
        buf += d
        let i: number
        while ((i = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, i)
          buf = buf.slice(i + 1)
          note(`${name}| ${line}`)
          onLine?.(line)
        }
      })
    }
    return child
  }

  function run(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolveRun, reject) => {
      let out = ""
      const child = spawnChild(name, medusaBin, args, env, (line) => (out += `${line}\n`))
      child.on("exit", (code) =>
        code === 0 ? resolveRun(out) : reject(new Error(`medusa ${args[0]} exited with ${code}:\n${out.slice(-3000)}`))
      )
    })
  }

  async function kill(child: ChildProcess): Promise<void> {
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal)
      } catch {
        // already gone
      }
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      group("SIGKILL")
      return
    }
    const exited = new Promise((r) => child.once("exit", r))
    group("SIGTERM")
    const gone = await Promise.race([exited.then(() => true), sleep(8_000).then(() => false)])
    group("SIGKILL")
    if (!gone) {
      await Promise.race([exited, sleep(2_000)])
    }
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      await Promise.all([...children].map(kill))
      if (dropDb) {
        await dropDb().catch((e) => note(`[store] could not drop the database: ${e.message}`))
      }
      await db?.stop().catch((e) => note(`[store] could not stop PostgreSQL: ${e.message}`))
      rmSync(tmp, { recursive: true, force: true })
    })()
    return stopping
  }

  try {
    // ---- a fresh database
    const databaseUrl = await phase("database", async () => {
      db = await resolveDatabase({ persistent: false, log: (l) => note(`[db] ${l}`) })
      const name = `moota_browser_${process.pid}_${Date.now().toString(36)}`
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Client } = require("pg") as typeof import("pg")
      const connect = async () => {
        const c = new Client({ host: db!.host === "localhost" ? "127.0.0.1" : db!.host, port: db!.port, user: db!.user, password: db!.password, database: "postgres" })
        await c.connect()
        return c
      }
      const c = await connect()
      await c.query(`CREATE DATABASE ${name}`)
      await c.end()
      if (db!.external) {
        dropDb = async () => {
          const d = await connect()
          await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
          await d.end()
        }
      }
      const u = new URL(db!.url)
      u.pathname = `/${name}`
      return u.toString()
    })

    const port = options.port ?? (await freePort())
    const url = `http://127.0.0.1:${port}`
    const webhookSecret = randomBytes(24).toString("hex")

    // ---- the Moota sandbox, its webhook pointing at the store
    let sandbox: RunningStore["sandbox"] = null
    if (withSandbox) {
      sandbox = await phase("sandbox", async () => {
        const configFile = join(tmp, "sandbox.json")
        writeFileSync(
          configFile,
          JSON.stringify({
            token: devDefaults.apiToken,
            banks: devDefaults.accounts.map((a) => ({
              bank_id: a.bankId,
              bank_type: a.kind === "qris" ? "qris" : a.bank.toLowerCase(),
              label: a.bank,
              account_number: "accountNumber" in a && a.accountNumber ? a.accountNumber : a.bankId,
              atas_nama: a.accountHolder,
            })),
            webhooks: [{ url: `${url}/hooks/moota`, secret: webhookSecret, kinds: "both" }],
          }),
          { mode: 0o600 }
        )
        const sandboxPort = await freePort()
        const listening = new Promise<string>((resolveUrl, reject) => {
          const child = spawnChild(
            "sandbox",
            process.execPath,
            [join(root, "bin/medusa-payment-moota.js"), "sandbox", "--port", String(sandboxPort), "--config", configFile],
            process.env,
            (line) => {
              const m = /listening on (http:\/\/\S+)/.exec(line)
              if (m) {
                resolveUrl(m[1])
              }
            }
          )
          child.once("exit", (code) => reject(new Error(`the Moota sandbox exited (${code}):\n${tail.slice(-20).join("\n")}`)))
        })
        const sandboxUrl = await listening
        return { url: sandboxUrl, apiBaseUrl: `${sandboxUrl}/api/v2`, token: devDefaults.apiToken }
      })
    }

    const origins = [url, ...(options.corsOrigins ?? [])].join(",")
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Development mode serves the dashboard through Vite and keeps the session cookie usable over http.
      NODE_ENV: withAdmin ? "development" : "production",
      DATABASE_URL: databaseUrl,
      MOOTA_API_BASE_URL: sandbox ? sandbox.apiBaseUrl : `http://127.0.0.1:9/api/v2`,
      MOOTA_API_TOKEN: devDefaults.apiToken,
      MOOTA_WEBHOOK_SECRETS: webhookSecret,
      ...(options.mootaOptions ? { MOOTA_OPTIONS_JSON: JSON.stringify(options.mootaOptions) } : {}),
      MEDUSA_ADMIN_DISABLE: withAdmin ? "false" : "true",
      MEDUSA_DISABLE_TELEMETRY: "true",
      ADMIN_CORS: origins,
      AUTH_CORS: origins,
      STORE_CORS: origins,
      ...options.env,
    }
    // The CLI reads these before medusa-config; the test runner's DB_* would point elsewhere.
    for (const key of ["PORT", "HOST", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_TEMP_NAME", "TEST_TYPE"]) {
      delete env[key]
    }

    await phase("migrate", () => run("migrate", ["db:migrate"], env))
    const seed = await phase("seed", async () => {
      const out = await run("seed", ["exec", "./scripts/seed-dev-store.ts"], env)
      const line = out.split("\n").find((l) => l.includes("SEED_RESULT "))
      if (!line) {
        throw new Error(`the seed printed no SEED_RESULT line:\n${out.slice(-2000)}`)
      }
      return JSON.parse(line.slice(line.indexOf("SEED_RESULT ") + 12)) as SeedResult
    })
    await phase("user", () => run("user", ["user", "-e", adminUser.email, "-p", adminUser.password], env))

    await phase("server", async () => {
      const server = spawnChild("medusa", medusaBin, ["start", "-H", "127.0.0.1", "-p", String(port)], env)
      await waitForHttp(`${url}/health`, options.readyTimeoutMs ?? 180_000, () => server.exitCode === null && server.signalCode === null)
    })

    const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
      const res = await fetch(url + path, {
        method,
        headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      if (!res.ok) {
        throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`)
      }
      return (text ? JSON.parse(text) : null) as T
    }

    return {
      url,
      adminUrl: withAdmin ? `${url}/app` : null,
      port,
      databaseUrl,
      seed,
      publishableKey: seed.publishable_key,
      admin: adminUser,
      sandbox,
      webhookSecret,
      storeHeaders: { "x-publishable-api-key": seed.publishable_key },
      async adminHeaders() {
        const { token } = await api<{ token: string }>("POST", "/auth/user/emailpass", adminUser)
        return { authorization: `Bearer ${token}` }
      },
      api,
      async transfer(input) {
        if (!sandbox) {
          throw new Error("this store runs without the Moota sandbox")
        }
        const res = await fetch(`${sandbox.url}/_sandbox/transfer`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ bank_id: devDefaults.accounts[0].bankId, ...input }),
        })
        const json = await res.json()
        if (!res.ok) {
          throw new Error(`the sandbox refused the transfer (${res.status}): ${JSON.stringify(json)}`)
        }
        return json
      },
      timings,
      tail: () => [...tail],
      stop,
    }
  } catch (e) {
    await stop()
    const error = e instanceof Error ? e : new Error(String(e))
    error.message += `\n--- last store output ---\n${tail.slice(-40).join("\n")}`
    throw error
  }
}

/** Cart → Moota payment session → completed order, through the store API (as a storefront would). */
export async function placeMootaOrder(store: RunningStore): Promise<{ orderId: string; displayId: number; session: any }> {
  const h = store.storeHeaders
  const address = {
    first_name: "Budi",
    last_name: "Santoso",
    address_1: "Jl. Merdeka 10",
    city: "Bandung",
    postal_code: "40111",
    country_code: "id",
    phone: "081234567890",
  }
  const { cart } = await store.api("POST", "/store/carts", { region_id: store.seed.region_id }, h)
  await store.api("POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.seed.variant_id, quantity: 1 }, h)
  await store.api("POST", `/store/carts/${cart.id}`, { email: "budi@example.com", shipping_address: address, billing_address: address }, h)
  await store.api("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: store.seed.shipping_option_id }, h)
  const { payment_collection } = await store.api("POST", "/store/payment-collections", { cart_id: cart.id }, h)
  const { payment_collection: pc } = await store.api(
    "POST",
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_moota_moota" },
    h
  )
  const session = pc.payment_sessions.find((s: any) => s.provider_id === "pp_moota_moota")
  const completed = await store.api("POST", `/store/carts/${cart.id}/complete`, {}, h)
  if (completed.type !== "order") {
    throw new Error(`the cart did not complete: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return { orderId: completed.order.id, displayId: completed.order.display_id, session }
}
