#!/usr/bin/env node
"use strict"

/**
 * The demo storefront's server (development only, loopback only): serves demo/index.html (at / and at
 * /payment-collection/<id>, the admin's payment link) and
 * demo/app.tsx bundled in memory with esbuild, proxies /store/* and /auth/* to the Medusa store and
 * POST /sandbox/transfer and /sandbox/pay to the Moota sandbox's /_sandbox/transfer and
 * /_sandbox/pay-transaction, so the page is one origin.
 *
 * `npm run dev` starts it (see scripts/dev-store.js); alone, against a running dev store:
 *   node demo/server.js [--port 4020]     (reads dev-store.json)
 *
 * Port 4020 by default (MOOTA_DEMO_PORT): 8000 belongs to Medusa's Next.js starters, which a developer
 * may run beside the dev store.
 */

const fs = require("node:fs")
const http = require("node:http")
const path = require("node:path")

const MAX_BODY_BYTES = 16 * 1024
const DEFAULT_DEMO_PORT = 4020
/** The sandbox's controls the page may use: a bank transfer, and paying a VA number or QR of its own. */
const SANDBOX_ROUTES = { "/sandbox/transfer": "/_sandbox/transfer", "/sandbox/pay": "/_sandbox/pay-transaction" }

/** esbuild as Vite (a declared dev dependency) ships it, so the demo adds no dependency of its own. */
function loadEsbuild() {
  const viteDir = path.dirname(require.resolve("vite/package.json"))
  return require(require.resolve("esbuild", { paths: [viteDir] }))
}

async function bundle() {
  const esbuild = loadEsbuild()
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, "app.tsx")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    sourcemap: "inline",
    define: { "process.env.NODE_ENV": '"development"' },
    logLevel: "silent",
  })
  // One build per start: stop esbuild's helper process rather than keep it for the server's life.
  await esbuild.stop()
  return result.outputFiles[0].text
}

function send(res, status, body, type = "application/json; charset=utf-8") {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), "cache-control": "no-store" })
  res.end(text)
}

function proxy(req, res, target) {
  const url = new URL(req.url, target)
  const upstream = http.request(
    url,
    // No keep-alive: closing the demo must leave no sockets behind.
    { method: req.method, headers: { ...req.headers, host: url.host }, agent: false },
    (answer) => {
      res.writeHead(answer.statusCode || 502, answer.headers)
      answer.pipe(res)
    }
  )
  upstream.on("error", (e) => {
    if (res.headersSent) return res.destroy()
    // Refused means the request never reached the store (`medusa develop` restarts on every file
    // change): the page may safely send it again, even a POST.
    const refused = e.code === "ECONNREFUSED"
    send(res, refused ? 503 : 502, { message: `The store at ${target} is not reachable (${e.message})`, retryable: refused })
  })
  req.pipe(upstream)
}

async function readBody(req) {
  const chunks = []
  let size = 0
  for await (const chunk of req) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error("Payload too large"), { status: 413 })
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString("utf8")
}

/**
 * @param {{ storeUrl: string, publishableKey: string, sandboxUrl: string, port?: number, host?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function startDemoServer(options) {
  const { storeUrl, publishableKey, sandboxUrl, port = DEFAULT_DEMO_PORT, host = "127.0.0.1", log = () => undefined } = options
  if (host !== "127.0.0.1" && host !== "::1" && host !== "localhost") {
    throw new Error("The demo storefront listens on loopback only")
  }
  const html = fs.readFileSync(path.join(__dirname, "index.html"), "utf8")
  const script = await bundle()
  const config = JSON.stringify({ publishableKey })

  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url || "/", "http://demo")
    try {
      if (pathname.startsWith("/store/") || pathname.startsWith("/auth/")) return proxy(req, res, storeUrl)
      // "/payment-collection/<id>?order_id=": the payment link Medusa's admin copies (admin.storefrontUrl).
      if (req.method === "GET" && (pathname === "/" || /^\/payment-collection\/[^/]+\/?$/.test(pathname))) {
        return send(res, 200, html, "text/html; charset=utf-8")
      }
      if (req.method === "GET" && pathname === "/app.js") return send(res, 200, script, "text/javascript; charset=utf-8")
      if (req.method === "GET" && pathname === "/config.json") return send(res, 200, config)
      const sandboxRoute = req.method === "POST" && Object.hasOwn(SANDBOX_ROUTES, pathname) && SANDBOX_ROUTES[pathname]
      if (sandboxRoute) {
        const answer = await fetch(`${sandboxUrl}${sandboxRoute}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: await readBody(req),
        })
        return send(res, answer.status, await answer.text())
      }
      send(res, 404, { message: "Not found" })
    } catch (e) {
      log(`demo: ${req.method} ${pathname} failed: ${e && e.message}`)
      if (!res.headersSent) send(res, e.status || 502, { message: e.message || String(e) })
    }
  })
  await new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, resolve)
  })
  const url = `http://${host === "::1" ? "[::1]" : host}:${server.address().port}`
  log(`demo storefront on ${url}`)
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

module.exports = { startDemoServer, DEFAULT_DEMO_PORT }

if (require.main === module) {
  const info = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "dev-store.json"), "utf8"))
  const at = process.argv.indexOf("--port")
  startDemoServer({
    storeUrl: info.store_url,
    publishableKey: info.publishable_key,
    sandboxUrl: info.sandbox.url,
    port: at > 0 ? Number(process.argv[at + 1]) : Number(process.env.MOOTA_DEMO_PORT || DEFAULT_DEMO_PORT),
    log: (line) => process.stdout.write(`${line}\n`),
  }).catch((e) => {
    process.stderr.write(`${e.stack || e}\n`)
    process.exit(1)
  })
}
