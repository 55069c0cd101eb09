"use strict"

/** Traversal by the postgres user (as root, PostgreSQL runs as that user). */

const fs = require("fs")
const path = require("path")
const { spawnSync } = require("child_process")

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0
}

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
      , { cause: e })
    }
  }
  if (changed.length) {
    log(`embedded-db: chmod o+x ${changed.join(" ")} (so the postgres user can reach ${what})`)
  }
}

module.exports = { isRoot, postgresIds, canTraverse, pathChain, findUntraversable, describeDirs, chmodTraversable }
