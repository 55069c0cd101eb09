#!/usr/bin/env node
"use strict"

/**
 * `npm run bench:burst:split`: the burst benchmark (burst.js) on the layout Medusa recommends for
 * production, Medusa's Redis modules with two processes: a server (MEDUSA_WORKER_MODE=server: HTTP,
 * so every webhook ack) and a worker (MEDUSA_WORKER_MODE=worker: subscribers and jobs, so every
 * confirmation). In one process the acks share the event loop with the confirmations; here they do
 * not. The same orders, floor, ack probes and money check as `npm run bench:burst`; figures in
 * bench-results/burst-split.json. Exits 2 without redis-server. Env as burst.js.
 */
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { spawnSync } = require("node:child_process")
const { startScriptStore, log, runScript } = require("../lib/script-store")
const { startRedis, INSTALL } = require("../scale/redis-profile")

async function main() {
  if (spawnSync("redis-server", ["--version"]).error) {
    process.stdout.write(`the split layout needs redis-server: ${INSTALL}\n`)
    return 2
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "moota-burst-redis-"))
  let redis = null
  let store = null
  try {
    redis = await startRedis(tmp)
    store = await startScriptStore({ env: { REDIS_URL: redis.url }, serverEnv: { MEDUSA_WORKER_MODE: "server" } })
    await store.startServer({ name: "worker", env: { MEDUSA_WORKER_MODE: "worker" } })
    log("burst: Redis store up, server (HTTP: the acks) + worker (the confirmations)")
    await require("./burst").run(store, { layout: "server + worker on Redis (MEDUSA_WORKER_MODE=server | worker)", result: "burst-split" })
    return 0
  } finally {
    log("stopping the store...")
    if (store) await store.stop()
    if (redis) await redis.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (require.main === module) {
  runScript(main)
}
