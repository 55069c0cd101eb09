// @ts-check
"use strict"

/**
 * The test kit, one for every tier that drives the product from outside: the HTTP specs
 * (integration-tests/http), the browser specs (integration-tests/browser), the benchmarks
 * (scripts/bench), the fault suite (scripts/fault) and the Redis profile (scripts/scale).
 * Plain CommonJS with JSDoc types: `node` scripts require it as it is, the TypeScript specs import it
 * (tsconfig.typecheck.json checks both).
 *
 *   store.js      startStore(): a real store, sandbox and database in child processes
 *   checkout.js   the test buyer's checkout, the merchant's view of an order's money, admin sign-in
 *   moota.js      Moota-shaped mutations, their signature, one webhook delivery, the sandbox's banks
 *   processes.js  process groups, `medusa exec` of a script, lines of output
 *   http.js       fetch + JSON
 */
const { startStore } = require("./store")
const checkout = require("./checkout")
const moota = require("./moota")
const { freePort } = require("../dev/embedded-db")
const { requestJson } = require("./http")
const { ROOT, sleep, medusaExec } = require("./processes")

module.exports = { startStore, ...checkout, ...moota, freePort, requestJson, ROOT, sleep, medusaExec }
