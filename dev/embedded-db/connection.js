"use strict"

/** Connection details: URLs and the DB_* variables of @medusajs/test-utils. */

function buildUrl({ host, port, user, password, database }) {
  const auth = encodeURIComponent(user) + (password ? `:${encodeURIComponent(password)}` : "")
  return `postgres://${auth}@${host}:${port}/${encodeURIComponent(database)}`
}

/** postgres://user:pass@host:port/db -> { host, port, user, password, database } */
function parseDatabaseUrl(url) {
  const u = new URL(url)
  if (!/^postgres(ql)?:$/.test(u.protocol)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got ${u.protocol}//...)`)
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost"
  return {
    host,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username || "") || "postgres",
    password: decodeURIComponent(u.password || ""),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
  }
}

function isLoopback(host) {
  return ["localhost", "127.0.0.1", "::1"].includes(String(host).toLowerCase())
}

/**
 * DB_* variables for @medusajs/test-utils and `medusa plugin:db:generate`. A loopback
 * host is given as the literal "localhost": test-utils turns SSL on for anything else.
 */
function dbEnv(db) {
  return {
    DB_HOST: isLoopback(db.host) ? "localhost" : db.host,
    DB_PORT: String(db.port),
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password || "",
  }
}

module.exports = { buildUrl, parseDatabaseUrl, dbEnv }
