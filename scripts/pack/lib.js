"use strict"

/**
 * Small helpers of the packaging tier (scripts/pack/run.js): child processes in their own process
 * group (stopped as a whole), a plain environment for the projects it creates, timings.
 */

const { spawn } = require("node:child_process")
const { freePort } = require("../../dev/embedded-db")

/**
 * The environment a developer's shell would have: none of the npm_* variables `npm run` sets (they
 * would steer the nested `npm install`s), no NODE_OPTIONS, no test-runner database settings, no
 * HOST/PORT (the medusa CLI reads them before medusa-config).
 */
function plainEnv(extra = {}) {
  const env = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || /^(NODE_OPTIONS|HOST|PORT|DB_HOST|DB_PORT|DB_USERNAME|DB_PASSWORD|DB_TEMP_NAME|DATABASE_URL|TEST_TYPE)$/.test(k)) continue
    if (k.startsWith("MOOTA_") || k.endsWith("_CORS")) continue
    env[k] = v
  }
  return { ...env, MEDUSA_DISABLE_TELEMETRY: "true", CI: process.env.CI || "", ...extra }
}

const groups = new Set()

/** Runs a command; resolves with its exit code and output (never rejects on a non-zero exit). */
function run(cmd, args, { cwd, env = plainEnv(), timeoutMs = 15 * 60_000, onLine } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    groups.add(child.pid)
    let out = ""
    const take = (d) => {
      const text = d.toString()
      out += text
      if (onLine) for (const line of text.split("\n")) if (line.trim()) onLine(line)
    }
    child.stdout.on("data", take)
    child.stderr.on("data", take)
    const timer = setTimeout(() => {
      out += `\n[pack] ${cmd} ${args.join(" ")} timed out after ${timeoutMs} ms\n`
      kill(child.pid, "SIGKILL")
    }, timeoutMs)
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      groups.delete(child.pid)
      resolve({ code: code ?? (signal ? 1 : 0), out })
    })
  })
}

/** Like run(), but throws with the output's tail on a non-zero exit. */
async function must(cmd, args, opts) {
  const result = await run(cmd, args, opts)
  if (result.code !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${opts && opts.cwd}) exited with ${result.code}:\n${result.out.slice(-4000)}`)
  }
  return result
}

/** Starts a long-running command; `stop()` ends its whole process group. */
function start(cmd, args, { cwd, env }) {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
  groups.add(child.pid)
  const lines = []
  const take = (d) => {
    for (const line of d.toString().split("\n")) if (line.trim()) lines.push(line)
    if (lines.length > 300) lines.splice(0, lines.length - 300)
  }
  child.stdout.on("data", take)
  child.stderr.on("data", take)
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)))
  return {
    child,
    exited,
    tail: () => lines.slice(-80).join("\n"),
    async stop() {
      kill(child.pid, "SIGTERM")
      const gone = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])
      if (!gone) kill(child.pid, "SIGKILL")
      groups.delete(child.pid)
    },
  }
}

function kill(pgid, signal) {
  try {
    process.kill(-pgid, signal)
  } catch {
    // already gone
  }
}

/** Kills every process group still running (on a failure or an interrupt). */
function killAll() {
  for (const pgid of groups) kill(pgid, "SIGKILL")
  groups.clear()
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** npm's warnings (and errors) that name this package or a peer-dependency conflict. */
function installComplaints(output, name) {
  return output
    .split("\n")
    .filter((line) => /^npm (warn|err|error)/i.test(line.trim()))
    .filter((line) => line.includes(name) || /ERESOLVE|peer dep|peerOptional|conflicting peer|EBADENGINE.*moota/i.test(line))
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`
}

module.exports = { plainEnv, run, must, start, killAll, sleep, freePort, installComplaints, seconds }
