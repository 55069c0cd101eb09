// @ts-check
"use strict"

/**
 * Child processes of a test run: each in its own process group (Medusa's servers fork), so a stop
 * or a crash reaches everything it started.
 */
const { spawn } = require("node:child_process")
const path = require("node:path")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA_BIN = path.join(ROOT, "node_modules", ".bin", "medusa")

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Calls `onLine` for each line of a stream.
 *
 * @param {import("node:stream").Readable} stream
 * @param {(line: string) => void} onLine
 */
function onLines(stream, onLine) {
  let buf = ""
  stream.setEncoding("utf8")
  stream.on("data", (/** @type {string} */ d) => {
    buf += d
    let i
    while ((i = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, i))
      buf = buf.slice(i + 1)
    }
  })
}

/** @param {import("node:child_process").ChildProcess} child */
const exited = (child) => child.exitCode !== null || child.signalCode !== null

/**
 * @param {import("node:child_process").ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function signalGroup(child, signal) {
  try {
    process.kill(-(/** @type {number} */ (child.pid)), signal)
  } catch {
    // already gone
  }
}

/**
 * Stops a process group: SIGTERM, up to 8 s to exit, then SIGKILL for whatever is left of it.
 *
 * @param {import("node:child_process").ChildProcess} child
 */
async function stopGroup(child) {
  if (exited(child)) {
    signalGroup(child, "SIGKILL")
    return
  }
  const gone = new Promise((r) => child.once("exit", r))
  signalGroup(child, "SIGTERM")
  const inTime = await Promise.race([gone.then(() => true), sleep(8_000).then(() => false)])
  signalGroup(child, "SIGKILL")
  if (!inTime) await Promise.race([gone, sleep(2_000)])
}

/**
 * Kills a process group at once (a crash: no graceful shutdown) and waits until it is gone.
 *
 * @param {import("node:child_process").ChildProcess} child
 */
async function crashGroup(child) {
  const gone = exited(child) ? null : new Promise((r) => child.once("exit", r))
  signalGroup(child, "SIGKILL")
  if (gone) await Promise.race([gone, sleep(10_000)])
}

/**
 * The JSON a script printed after `marker` on a line of its output, or null.
 *
 * @param {string} output
 * @param {string} marker e.g. "SEED_RESULT "
 */
function markedJson(output, marker) {
  const line = output.split("\n").find((l) => l.includes(marker))
  return line ? JSON.parse(line.slice(line.indexOf(marker) + marker.length)) : null
}

/**
 * `medusa exec <script>` in a process of its own, on the database of `env`; resolves with the JSON
 * the script printed after `marker`. Killed when it runs over `timeoutMs` or this process exits.
 *
 * @param {string} script relative to the checkout, e.g. "./scripts/fault/recover.ts"
 * @param {{ env: NodeJS.ProcessEnv; marker: string; timeoutMs?: number }} options
 * @returns {Promise<any>}
 */
function medusaExec(script, { env, marker, timeoutMs = 180_000 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA_BIN, ["exec", script], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
    const kill = () => signalGroup(child, "SIGKILL")
    process.once("exit", kill)
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => (out += d))
    const timer = setTimeout(kill, timeoutMs)
    child.on("exit", (code) => {
      clearTimeout(timer)
      process.off("exit", kill)
      const result = code === 0 ? markedJson(out, marker) : null
      if (!result) return reject(new Error(`medusa exec ${script} exited with ${code}:\n${out.slice(-3000)}`))
      resolve(result)
    })
  })
}

module.exports = { ROOT, MEDUSA_BIN, sleep, onLines, exited, signalGroup, stopGroup, crashGroup, markedJson, medusaExec }
