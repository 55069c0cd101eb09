#!/usr/bin/env node
"use strict"

/**
 * `npm run bench:burst:listener`: the burst benchmark (burst.js) with Moota's deliveries sent to the
 * plugin's own webhook listener (option `webhookListener`: a bare HTTP server in a thread of the one
 * Medusa process, with database connections of its own) instead of Medusa's route. The same orders,
 * floor, ack probes and money check as `npm run bench:burst`; figures in
 * bench-results/burst-listener.json. Env as burst.js.
 */
const { freePort } = require("../../test-kit")
const { startScriptStore, log, runScript } = require("../lib/script-store")

async function main() {
  const port = await freePort()
  const store = await startScriptStore({ mootaOptions: { webhookListener: { port, host: "127.0.0.1" } } })
  try {
    log(`burst: deliveries go to the plugin's webhook listener on 127.0.0.1:${port}`)
    await require("./burst").run(store, {
      layout: "one process, deliveries to the plugin's own webhook listener (webhookListener)",
      result: "burst-listener",
      webhook: `http://127.0.0.1:${port}`,
    })
    return 0
  } finally {
    log("stopping the store...")
    await store.stop()
  }
}

if (require.main === module) {
  runScript(main)
}
