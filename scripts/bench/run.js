#!/usr/bin/env node
"use strict"

/**
 * `node scripts/bench/run.js [initiate] [webhook] [matching] [allocator] [burst]` (default: all, the webhook flood last). Boots one fresh store
 * (the test kit's, through scripts/lib/script-store.js), runs the benchmarks in order, prints their figures, stops everything.
 */
const { startScriptStore, log, runScript } = require("../lib/script-store")

const BENCHES = {
  initiate: () => require("./initiate"),
  webhook: () => require("./webhook"),
  matching: () => require("./matching"),
  allocator: () => require("./allocator"),
  burst: () => require("./burst"),
}

async function main(names) {
  // The webhook benchmark's sustained flood leaves a backlog behind: it runs last.
  if (!names.length) names = ["initiate", "matching", "allocator", "burst", "webhook"]
  const unknown = names.filter((n) => !BENCHES[n])
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(", ")}; choose from: ${Object.keys(BENCHES).join(", ")}`)
    return 2
  }
  const store = await startScriptStore()
  try {
    for (const name of names) await BENCHES[name]().run(store)
    return 0
  } finally {
    log("stopping the store...")
    await store.stop()
  }
}

if (require.main === module) {
  runScript(() => main(process.argv.slice(2)))
}

module.exports = { main }
