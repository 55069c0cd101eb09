"use strict"

/**
 * The test kit's store (test-kit/store.js) as the scripts run it (benchmarks, fault suite, Redis
 * profile): progress on stderr, Ctrl-C stops everything, BENCH_VERBOSE=1 prints the servers' output,
 * BENCH_SERVER=develop serves with `medusa develop` (else `medusa start`, `develop` if start fails).
 */
const { startStore } = require("../../test-kit")

/** A progress line on stderr, apart from the figures on stdout. */
function log(line) {
  process.stderr.write(`[bench] ${line}\n`)
}

/** @param {import("../../test-kit/store").StoreOptions} [options] */
function startScriptStore(options = {}) {
  return startStore({
    signals: true,
    verbose: process.env.BENCH_VERBOSE === "1",
    progress: log,
    commands: process.env.BENCH_SERVER === "develop" ? ["develop"] : ["start", "develop"],
    ...options,
  })
}

/** A script's entry: exits with what `main` returns, or 1 with the error's stack. */
function runScript(main) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error((e && e.stack) || e)
      process.exit(1)
    }
  )
}

module.exports = { startScriptStore, log, runScript }
