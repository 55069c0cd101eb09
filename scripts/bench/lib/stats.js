"use strict"

/** Small statistics helpers for the benchmark scripts (milliseconds in, milliseconds out). */

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

module.exports = { percentile, summary, round, table }
