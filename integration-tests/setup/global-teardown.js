"use strict"

/** jest globalTeardown: stops the embedded PostgreSQL started by global-setup.js, if any. */

const HANDLE = Symbol.for("medusa-payment-moota.embedded-db")

module.exports = async function globalTeardown() {
  const db = globalThis[HANDLE]
  if (!db) return
  delete globalThis[HANDLE]
  await db.stop()
}
