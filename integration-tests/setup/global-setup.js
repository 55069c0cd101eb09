"use strict"

/**
 * jest globalSetup (tiers integration:modules and integration:http, see jest.config.js).
 *
 * - DB_HOST set: use that server (a loopback address is rewritten to the literal
 *   "localhost": @medusajs/test-utils turns SSL on for any other host and hangs).
 * - else DATABASE_URL set: derive DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD from it.
 * - else: start a throw-away embedded PostgreSQL (dev/embedded-db/) and
 *   export its DB_* variables; global-teardown.js stops it.
 *
 * The variables set here reach the test files: in this process with --runInBand, and in the workers
 * jest starts after this setup (`npm run test:http` runs two spec files at a time, each on its own
 * database of this server).
 */

const { startDatabase, parseDatabaseUrl, dbEnv } = require("../../dev/embedded-db")

const HANDLE = Symbol.for("medusa-payment-moota.embedded-db")

module.exports = async function globalSetup() {
  process.env.MEDUSA_DISABLE_TELEMETRY = process.env.MEDUSA_DISABLE_TELEMETRY || "true"
  const log = (line) => console.log(line)

  if (process.env.DB_HOST) {
    if (["127.0.0.1", "::1"].includes(process.env.DB_HOST)) {
      log(`global-setup: DB_HOST=${process.env.DB_HOST} rewritten to "localhost" (any other host turns SSL on in @medusajs/test-utils)`)
      process.env.DB_HOST = "localhost"
    }
    log(`global-setup: using the PostgreSQL at ${process.env.DB_HOST}:${process.env.DB_PORT || 5432} (DB_HOST)`)
    return
  }

  if (process.env.DATABASE_URL) {
    const db = parseDatabaseUrl(process.env.DATABASE_URL)
    Object.assign(process.env, dbEnv(db))
    log(`global-setup: using the PostgreSQL at ${process.env.DB_HOST}:${process.env.DB_PORT} (DATABASE_URL)`)
    return
  }

  // jest prints globalSetup output right after "Determining test suites...": start on a new line
  process.stdout.write("\n")
  const db = await startDatabase({ persistent: false, log })
  globalThis[HANDLE] = db
  Object.assign(process.env, dbEnv(db))
}
