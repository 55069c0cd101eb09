"use strict"

/**
 * jest setupFiles: runs in every test file before its imports.
 *
 * - Clears MikroORM's metadata between test files (as Medusa's plugin starter does).
 * - Turns Medusa's telemetry off.
 * - Servers that listen on a port without naming a host bind 127.0.0.1 instead of
 *   every interface: medusaIntegrationTestRunner calls `app.listen(port)`, and
 *   supertest calls `listen(0)`. Only these forms are changed:
 *     listen(port[, backlog][, cb])            port: number or numeric string
 *     listen(port, undefined|null, ...)
 *     listen({ port, ... }) without host/path
 *     listen() / listen(cb)                    (random port, i.e. port 0)
 *   listen(port, host, ...), listen(path), listen(handle) and options with a host or
 *   a path are left alone.
 */

const { MetadataStorage } = require("@mikro-orm/core")

MetadataStorage.clear()

process.env.MEDUSA_DISABLE_TELEMETRY = "true"

const net = require("net")

const PATCHED = Symbol.for("medusa-payment-moota.listen-loopback")
const LOOPBACK = "127.0.0.1"

function isPort(value) {
  return (
    (typeof value === "number" && Number.isInteger(value)) ||
    (typeof value === "string" && value.trim() !== "" && /^\d+$/.test(value.trim()))
  )
}

function loopbackArgs(args) {
  const [first, second] = args
  if (args.length === 0 || typeof first === "function") {
    return [0, LOOPBACK, ...args]
  }
  if (isPort(first)) {
    if (typeof second === "string") return null // host given
    if (args.length >= 2 && second == null) return [first, LOOPBACK, ...args.slice(2)]
    return [first, LOOPBACK, ...args.slice(1)] // (port), (port, cb), (port, backlog, cb)
  }
  if (
    first !== null &&
    typeof first === "object" &&
    !Array.isArray(first) &&
    first.host == null &&
    first.path == null &&
    first.handle == null &&
    first._handle == null &&
    first.fd == null &&
    (first.port === undefined || isPort(first.port)) &&
    Object.getPrototypeOf(first) === Object.prototype
  ) {
    return [{ ...first, host: LOOPBACK }, ...args.slice(1)]
  }
  return null
}

if (!net.Server.prototype.listen[PATCHED]) {
  const original = net.Server.prototype.listen
  const listen = function listen(...args) {
    const changed = loopbackArgs(args)
    return original.apply(this, changed || args)
  }
  listen[PATCHED] = true
  listen.original = original
  net.Server.prototype.listen = listen
}

module.exports = { loopbackArgs }
