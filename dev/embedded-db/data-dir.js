"use strict"

/** Data directories: temporary clusters, and the leftovers of killed runs on persistent ones. */

const fs = require("fs")
const path = require("path")
const { exists, readJson, writeJson, cacheRoots } = require("./files")
const { findUntraversable, describeDirs } = require("./permissions")
const { ownerAlive, currentOwner, readPostmasterPid, isPostmasterFor, stopPostmasterPid } = require("./postmaster")

const TEMP_PREFIX = "medusa-payment-moota-pgtest-"

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

module.exports = { makeTempBase, clearStalePostmaster }
