"use strict"

/** Small statistics and result helpers for the benchmark scripts (milliseconds in and out). */
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

function sorted(xs) {
  return [...xs].sort((a, b) => a - b)
}

/** Percentile with linear interpolation between closest ranks (p in 0..100). */
function percentile(xs, p) {
  if (!xs.length) return NaN
  const s = sorted(xs)
  const rank = (p / 100) * (s.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  return s[lo] + (s[hi] - s[lo]) * (rank - lo)
}

function summary(xs) {
  const mean = xs.reduce((a, b) => a + b, 0) / (xs.length || 1)
  return {
    n: xs.length,
    min: round(Math.min(...xs)),
    p50: round(percentile(xs, 50)),
    p95: round(percentile(xs, 95)),
    p99: round(percentile(xs, 99)),
    max: round(Math.max(...xs)),
    mean: round(mean),
  }
}

function round(x, digits = 2) {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Fixed-width table: rows are arrays of cells; the first row is the header. */
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)))
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ")).join("\n")
}

/** CPUs and load: the figures are only comparable on a quiet machine. */
function machine() {
  return { cpus: os.cpus().length, loadavg_1m: round(os.loadavg()[0]), node: process.version }
}

/** bench-results/<name>.json (gitignored), with the machine's state at the end. */
function writeResult(name, result) {
  const dir = path.join(__dirname, "..", "..", "..", "bench-results")
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.json`)
  fs.writeFileSync(file, JSON.stringify({ ...result, machine_at_end: machine() }, null, 2) + "\n")
  const m = machine()
  console.log(`machine: ${m.cpus} CPUs, load average ${m.loadavg_1m} (1 min); written to ${path.relative(process.cwd(), file)}\n`)
}

module.exports = { percentile, summary, round, table, machine, writeResult }
