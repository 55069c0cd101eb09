"use strict"

/**
 * Processes (Linux /proc; elsewhere only "is it alive"): who owns a cluster, whether a
 * postmaster.pid names a live PostgreSQL, and how to stop one.
 */

const fs = require("fs")
const path = require("path")
const { sleep } = require("./files")

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

module.exports = { pidAlive, ownerAlive, currentOwner, readPostmasterPid, isPostmasterFor, stopPostmasterPid }
