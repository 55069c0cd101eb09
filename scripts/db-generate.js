#!/usr/bin/env node
"use strict"

/**
 * `npm run db:generate`: writes a migration for the module's model changes (`medusa plugin:db:generate`
 * against a throwaway embedded PostgreSQL, or DATABASE_URL/DB_HOST when set). It needs DB_HOST and
 * friends, not DATABASE_URL, so they are derived here.
 */
const { spawnSync } = require("node:child_process")
const path = require("node:path")
const { resolveDatabase, dbEnv } = require("../dev/embedded-db")

async function main() {
  const db = await resolveDatabase({ database: "moota_generate" })
  try {
    const bin = path.join(__dirname, "..", "node_modules", ".bin", "medusa")
    const r = spawnSync(bin, ["plugin:db:generate"], {
      cwd: path.join(__dirname, ".."),
      stdio: "inherit",
      env: { ...process.env, ...dbEnv(db), MEDUSA_DISABLE_TELEMETRY: "true" },
    })
    return r.status ?? 1
  } finally {
    await db.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e && e.stack ? e.stack : e)
    process.exit(1)
  }
)
