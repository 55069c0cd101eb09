"use strict"

/**
 * (a) of the packaging tier: a plain Medusa app, written as create-medusa-app writes one, installs the
 * tarball with a plain `npm install`, is configured exactly as the README's install section says,
 * and follows "Try it without a Moota account": the README's sandbox command wired to the app's
 * webhook, the .env lines it prints, migrate, build, boot, one checkout, the README's transfer
 * command, and the order captured.
 */

const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")
const { must, run, start, plainEnv, installComplaints, freePort, sleep } = require("./lib")
const { readmeConfig, readmeTryIt } = require("./readme")

const NAME = "medusa-payment-moota"
const root = path.resolve(__dirname, "..", "..")
/** The Medusa release the app is made with; any 2.21.x (or a later 2.x the peers admit) can be tried. */
const MEDUSA_VERSION = process.env.PACK_MEDUSA_VERSION || "2.21.2"

/** The README's install section, read from the README: the app is configured as a reader would. */
const README_CONFIG = readmeConfig()

/** create-medusa-app's package.json, with this repository's tool versions (the npm cache has them). */
function appPackageJson() {
  const dev = require(path.join(root, "package.json")).devDependencies
  const medusa = Object.fromEntries(["admin-sdk", "cli", "framework", "medusa"].map((p) => [`@medusajs/${p}`, MEDUSA_VERSION]))
  const pick = (names) => Object.fromEntries(names.map((n) => [n, dev[n]]))
  return {
    name: "moota-pack-app",
    version: "0.0.1",
    private: true,
    scripts: { build: "medusa build", seed: "medusa exec ./src/scripts/seed.ts", start: "medusa start", dev: "medusa develop" },
    dependencies: medusa,
    devDependencies: {
      "@medusajs/test-utils": MEDUSA_VERSION,
      ...pick(["@swc/core", "@swc/jest", "@types/jest", "@types/node", "@types/react", "@types/react-dom", "jest", "prop-types", "react", "react-dom", "ts-node", "typescript", "vite", "yalc"]),
    },
    engines: { node: ">=20" },
  }
}

const APP_TSCONFIG = {
  compilerOptions: {
    target: "ES2021",
    esModuleInterop: true,
    module: "Node16",
    moduleResolution: "Node16",
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    skipDefaultLibCheck: true,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: true,
    outDir: "./.medusa/server",
    rootDir: "./",
    jsx: "react-jsx",
    baseUrl: ".",
    checkJs: false,
    strict: true,
  },
  "ts-node": { swc: true },
  include: ["**/*", ".medusa/types/*"],
  exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
}

/** The server entries a merchant's code may import, typechecked by the app's own (strict, Node16) tsc. */
const SERVER_ENTRIES_TS = `import mootaProvider from "${NAME}/providers/moota"
import mootaModule, { MOOTA_MODULE, MootaModuleService, type MootaOptionsInput } from "${NAME}/modules/moota"
import * as workflows from "${NAME}/workflows"

export const options: MootaOptionsInput = {
  webhookSecrets: ["s3cret"],
  accounts: [{ bankId: "b1", bank: "BCA", accountNumber: "1234567890", accountHolder: "Toko" }],
}
export const parts = { mootaProvider, mootaModule, MOOTA_MODULE, MootaModuleService, workflows: Object.keys(workflows) }
`

async function checkMedusaApp({ tmp, tarball, log, timings }) {
  const { resolveDatabase } = require(path.join(root, "dev", "embedded-db"))
  const { Client } = require("pg")
  const app = path.join(tmp, "medusa-app")
  fs.mkdirSync(path.join(app, "src", "scripts"), { recursive: true })
  let db = null
  let server = null
  let sandbox = null
  let dbName = null
  const phase = async (name, fn) => {
    const t0 = Date.now()
    const value = await fn()
    timings[`app: ${name}`] = Date.now() - t0
    return value
  }
  try {
    db = await phase("database", () => resolveDatabase({ persistent: false, log }))
    dbName = `moota_pack_${process.pid}`
    const admin = new Client({ host: "127.0.0.1", port: db.port, user: db.user, password: db.password, database: db.external ? db.database : "postgres" })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`)
    await admin.query(`CREATE DATABASE ${dbName}`)
    await admin.end()
    const databaseUrl = `postgres://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password || "")}@localhost:${db.port}/${dbName}`

    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(appPackageJson(), null, 2) + "\n")
    fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify(APP_TSCONFIG, null, 2) + "\n")
    fs.writeFileSync(path.join(app, "medusa-config.ts"), README_CONFIG)
    fs.writeFileSync(path.join(app, ".gitignore"), "node_modules\n.medusa\n.env\n")
    // The dev store's seed is plain Medusa workflows: an IDR region with pp_moota_moota, a product,
    // shipping and a publishable key, as a merchant would set up in the admin.
    fs.copyFileSync(path.join(root, "dev", "seed-dev-store.ts"), path.join(app, "src", "scripts", "seed.ts"))
    const baseEnv = [
      `DATABASE_URL=${databaseUrl}`,
      "STORE_CORS=http://localhost:8000",
      "ADMIN_CORS=http://localhost:9000",
      "AUTH_CORS=http://localhost:9000,http://localhost:8000",
      "JWT_SECRET=supersecret",
      "COOKIE_SECRET=supersecret",
    ]
    const writeEnv = (lines) => fs.writeFileSync(path.join(app, ".env"), lines.join("\n") + "\n", { mode: 0o600 })
    writeEnv(baseEnv)

    await phase("npm install (app)", () => must("npm", ["install", "--no-audit", "--no-fund"], { cwd: app }))
    const installed = await phase("npm install <tarball>", () => must("npm", ["install", "--no-audit", "--no-fund", tarball], { cwd: app }))
    const complaints = installComplaints(installed.out, NAME)
    if (complaints.length) throw new Error(`the Medusa app's npm install of the tarball complained:\n${complaints.join("\n")}`)
    log(`medusa app (Medusa ${MEDUSA_VERSION}): tarball installed without a warning`)

    const medusa = path.join(app, "node_modules", ".bin", "medusa")
    const env = plainEnv({ NODE_ENV: "development" })

    // The README's config with MOOTA_WEBHOOK_SECRET not yet set: the error must say what to set.
    const unset = await phase("db:migrate without the secret", () => run(medusa, ["db:migrate"], { cwd: app, env }))
    if (unset.code === 0 || !/webhookSecrets\.0: the webhook secret is missing or empty\. Set MOOTA_WEBHOOK_SECRET/.test(unset.out)) {
      throw new Error(`medusa db:migrate without MOOTA_WEBHOOK_SECRET did not stop with a clear message:\n${unset.out.slice(-3000)}`)
    }
    log("medusa db:migrate without MOOTA_WEBHOOK_SECRET stops and names the variable")

    // "Try it without a Moota account", as the README writes it. Only the ports differ: the README's
    // 9000 and 4010 may be taken on this machine, so the webhook URL gets the app's port and the
    // sandbox a free one (whose URL it then prints in its .env lines and its transfer command).
    const tryIt = readmeTryIt()
    const port = await freePort()
    const sandboxPort = await freePort()
    const sandboxArgs = tryIt.sandbox.split(" ").slice(1).map((w) => w.replace("http://localhost:9000/", `http://127.0.0.1:${port}/`))
    sandbox = start("npx", [...sandboxArgs, "--port", String(sandboxPort)], { cwd: app, env })
    const printed = await phase("sandbox start", () => sandboxOutput(sandbox))
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
    const expectedEnv = tryIt.envLines.map((l) => l.replace("http://127.0.0.1:4010", sandboxUrl))
    if (JSON.stringify(printed.envLines) !== JSON.stringify(expectedEnv)) {
      throw new Error(`the sandbox printed other .env lines than the README shows:\n${printed.envLines.join("\n")}\nREADME:\n${expectedEnv.join("\n")}`)
    }
    const readmeTransfer = tryIt.transfer.replace(/ --amount \d+$/, "")
    if (printed.transfer.replace(` --sandbox ${sandboxUrl}`, "") !== readmeTransfer) {
      throw new Error(`the sandbox printed "${printed.transfer}", the README says "${tryIt.transfer}"`)
    }
    log(`sandbox started by the README's command; it printed the README's .env lines and transfer command`)
    writeEnv([...baseEnv, ...printed.envLines])
    const value = (name) => printed.envLines.find((l) => l.startsWith(`${name}=`)).slice(name.length + 1)
    const bankId = value("MOOTA_BANK_ID")
    /** The README's transfer command with the checkout's amount (and the sandbox's URL, as it printed). */
    const transfer = (amount) => {
      const [npx, ...args] = `${printed.transfer} --amount ${amount}`.split(" ")
      return must(npx, args, { cwd: app, env })
    }
    await phase("db:migrate", () => must(medusa, ["db:migrate"], { cwd: app, env }))
    await phase("typecheck server entries", async () => {
      fs.writeFileSync(path.join(app, "src", "moota-entries.ts"), SERVER_ENTRIES_TS)
      await must(path.join(app, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: app })
      fs.rmSync(path.join(app, "src", "moota-entries.ts"))
    })
    log("the provider, module and workflows entries typecheck in the app (strict, Node16)")
    const seeded = await phase("seed", () => must(medusa, ["exec", "./src/scripts/seed.ts"], { cwd: app, env }))
    const seedLine = seeded.out.split("\n").find((l) => l.includes("SEED_RESULT "))
    if (!seedLine) throw new Error(`the seed printed no result:\n${seeded.out.slice(-2000)}`)
    const seed = JSON.parse(seedLine.slice(seedLine.indexOf("SEED_RESULT ") + 12))
    const user = { email: "admin@moota-pack.test", password: crypto.randomBytes(12).toString("hex") }
    await must(medusa, ["user", "-e", user.email, "-p", user.password], { cwd: app, env })

    // Production as Medusa documents it: build, then run the build with the app's .env.
    await phase("medusa build", () => must(medusa, ["build"], { cwd: app, env }))
    const built = path.join(app, ".medusa", "server")
    fs.copyFileSync(path.join(app, ".env"), path.join(built, ".env"))
    // The build's own `npm install` would fetch the same packages again: its node_modules is the app's.
    fs.symlinkSync(path.join(app, "node_modules"), path.join(built, "node_modules"), "dir")
    const adminAssets = fs.readdirSync(path.join(built, "public", "admin", "assets")).map((f) => fs.readFileSync(path.join(built, "public", "admin", "assets", f), "utf8"))
    if (!adminAssets.some((text) => text.includes("moota-review"))) throw new Error("the built admin has no Moota pages: the plugin's admin extensions were not bundled")

    const url = `http://127.0.0.1:${port}`
    await phase("medusa start", async () => {
      server = start(medusa, ["start", "-H", "127.0.0.1", "-p", String(port)], { cwd: built, env: plainEnv({ NODE_ENV: "production" }) })
      const end = Date.now() + 180_000
      for (;;) {
        if (Date.now() > end) throw new Error(`medusa start did not answer /health within 180 s:\n${server.tail()}`)
        const exited = await Promise.race([server.exited.then((c) => ({ c })), sleep(500).then(() => null)])
        if (exited) throw new Error(`medusa start exited with ${exited.c}:\n${server.tail()}`)
        const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false)
        if (ok) break
      }
    })
    log(`medusa start answers on ${url}`)

    await phase("checkout and transfer", () => checkoutToPaid({ url, seed, user, bankId, transfer, log }))
    await phase("webhook listener", () => checkListener({ app, databaseUrl, secret: value("MOOTA_WEBHOOK_SECRET"), bankId, log }))
  } finally {
    if (server) await server.stop()
    if (sandbox) await sandbox.stop()
    if (db) {
      if (db.external && dbName) {
        const admin = new Client({ host: db.host === "localhost" ? "127.0.0.1" : db.host, port: db.port, user: db.user, password: db.password, database: db.database })
        await admin.connect().then(() => admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(() => undefined)
        await admin.end().catch(() => undefined)
      }
      await db.stop().catch(() => undefined)
    }
  }
}

/**
 * The optional webhook listener (`webhookListener`) as the tarball ships it: its thread is the built
 * JavaScript (no TypeScript loader, no devDependencies), and its database driver comes from the
 * package's own dependencies. Started on its own beside the app, on the app's database: a signed
 * delivery is stored and handed on, a wrongly signed one is refused.
 */
async function checkListener({ app, databaseUrl, secret, bankId, log }) {
  const script = `
const crypto = require("node:crypto")
const { WebhookListener } = require(${JSON.stringify(path.join(app, "node_modules", NAME, ".medusa", "server", "src", "inbox", "webhook", "listener.js"))})
const received = []
const listener = new WebhookListener({
  host: "127.0.0.1", port: 0,
  options: { webhookSecrets: [process.env.CHECK_SECRET], webhookMaxBytes: 1048576, webhookIpAllowlist: [], trustProxy: false },
  knex: { client: { config: { connection: process.env.DATABASE_URL } } },
  received: async (ids) => { received.push(...ids) },
  logger: { info() {}, warn: console.error, error: console.error },
})
;(async () => {
  await listener.start()
  if (!listener.port) throw new Error("the webhook listener did not listen")
  const body = JSON.stringify([{ mutation_id: "packlistener" + Date.now(), bank_id: process.env.CHECK_BANK_ID, type: "CR", amount: 10000, description: "PACK CHECK" }])
  const post = (signature) => fetch("http://127.0.0.1:" + listener.port + "/hooks/moota", { method: "POST", headers: { "content-type": "application/json", signature }, body })
  const refused = await post("0".repeat(64))
  const stored = await post(crypto.createHmac("sha256", process.env.CHECK_SECRET).update(body).digest("hex"))
  const answer = await stored.json()
  await new Promise((r) => setTimeout(r, 200))
  await listener.close()
  console.log("LISTENER_RESULT " + JSON.stringify({ refused: refused.status, stored: stored.status, answer, received: received.length }))
})().catch((e) => { console.error(e); process.exit(1) })
`
  const { out } = await must("node", ["-e", script], { cwd: app, env: plainEnv({ DATABASE_URL: databaseUrl, CHECK_SECRET: secret, CHECK_BANK_ID: bankId }) })
  const line = out.split("\n").find((l) => l.startsWith("LISTENER_RESULT "))
  const result = line && JSON.parse(line.slice("LISTENER_RESULT ".length))
  if (!result || result.refused !== 401 || result.stored !== 200 || result.answer.new !== 1 || result.received !== 1) {
    throw new Error(`the webhook listener from the tarball did not store and refuse as it should: ${line || out.slice(-2000)}`)
  }
  log("the webhook listener from the tarball: a signed delivery stored and handed on, a wrongly signed one refused (401)")
}

/** One buyer checkout through the store API, the README's transfer command, the order Paid in the admin API, and paid once. */
async function checkoutToPaid({ url, seed, user, bankId, transfer, log }) {
  const api = async (method, route, body, headers = {}) => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text.slice(0, 1000)}`)
    return text ? JSON.parse(text) : null
  }
  const store = { "x-publishable-api-key": seed.publishable_key }
  const { token } = await api("POST", "/auth/user/emailpass", user)
  const adminHeaders = { authorization: `Bearer ${token}` }

  const { payment_providers: providers } = await api("GET", `/admin/payments/payment-providers?limit=100`, undefined, adminHeaders)
  if (!providers.some((p) => p.id === "pp_moota_moota" && p.is_enabled)) {
    throw new Error(`pp_moota_moota is not registered: ${JSON.stringify(providers.map((p) => p.id))}`)
  }
  log("pp_moota_moota is registered")

  const address = { first_name: "Budi", last_name: "Santoso", address_1: "Jl. Merdeka 1", city: "Jakarta", postal_code: "10110", country_code: "id", phone: "081234567890" }
  let { cart } = await api("POST", "/store/carts", { region_id: seed.region_id, email: "budi@example.com" }, store)
  await api("POST", `/store/carts/${cart.id}/line-items`, { variant_id: seed.variant_id, quantity: 1 }, store)
  await api("POST", `/store/carts/${cart.id}`, { shipping_address: address, billing_address: address }, store)
  await api("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_option_id }, store)
  const { payment_collection: collection } = await api("POST", "/store/payment-collections", { cart_id: cart.id }, store)
  const { payment_collection: withSession } = await api(
    "POST",
    `/store/payment-collections/${collection.id}/payment-sessions`,
    { provider_id: "pp_moota_moota" },
    store
  )
  const session = withSession.payment_sessions.find((s) => s.provider_id === "pp_moota_moota")
  const data = session.data
  if (!data || data.accounts?.[0]?.bank_id !== bankId || !(data.transfer_amount > 0)) throw new Error(`unexpected session data: ${JSON.stringify(data)}`)
  const completed = await api("POST", `/store/carts/${cart.id}/complete`, {}, store)
  if (completed.type !== "order") throw new Error(`cart completion did not place an order: ${JSON.stringify(completed).slice(0, 1000)}`)
  const orderId = completed.order.id
  log(`order ${orderId} placed, awaiting a transfer of ${data.transfer_amount_formatted}`)

  const before = await api("GET", `/admin/orders/${orderId}?fields=id,payment_status`, undefined, adminHeaders)
  log(`the admin shows the order's payment_status as ${before.order.payment_status} before the transfer`)

  // A delivery that is not signed with the secret changes nothing.
  const forged = JSON.stringify([{ mutation_id: `forged${Date.now()}`, bank_id: bankId, amount: data.transfer_amount, type: "CR" }])
  const refused = await fetch(`${url}/hooks/moota`, { method: "POST", headers: { "content-type": "application/json", signature: "0".repeat(64) }, body: forged })
  if (refused.status !== 401) throw new Error(`a wrongly signed delivery answered ${refused.status}, not 401`)

  // The README's step 4: the exact amount the checkout shows, in plain digits.
  const paid = await transfer(String(data.transfer_amount))
  if (!/delivery to webhook .*: 200\b/.test(paid.out)) throw new Error(`the transfer command did not report a 200 delivery:\n${paid.out}`)
  const order = await eventually(60_000, async () => {
    const { order } = await api("GET", `/admin/orders/${orderId}?fields=id,payment_status,total`, undefined, adminHeaders)
    return order.payment_status === "captured" ? order : null
  })
  if (!order) throw new Error(`order ${orderId} is not Paid (captured) 60 s after the README's transfer command`)
  log(`order ${orderId} is Paid (payment_status captured) after the README's transfer command`)

  // What Settings → Moota shows: the sandbox reached with the printed token, an IDR region offering Moota.
  const { connection, checkout } = await api("GET", "/admin/moota/setup", undefined, adminHeaders)
  if (!connection.reachable || !connection.token_valid || checkout.idr_regions_with_moota < 1) {
    throw new Error(`Settings → Moota is not all green: ${JSON.stringify({ connection, checkout })}`)
  }
  log(`Settings → Moota: the API reachable at ${connection.api_base_url}, the token valid, an IDR region offers Moota`)

  // The same transfer again is never a second capture: it waits for a person in the review queue.
  await transfer(String(data.transfer_amount))
  const queued = await eventually(60_000, async () => {
    const { activity } = await api("GET", "/admin/moota/setup", undefined, adminHeaders)
    return activity.open_review_items > 0 ? activity : null
  })
  if (!queued) throw new Error("a second transfer of the paid amount did not reach the review queue")
  const { order: after } = await api("GET", `/admin/orders/${orderId}?fields=id,payment_status,payment_collections.captured_amount`, undefined, adminHeaders)
  const captured = after.payment_collections.reduce((sum, c) => sum + Number(c.captured_amount ?? 0), 0)
  if (after.payment_status !== "captured" || captured !== Number(order.total)) {
    throw new Error(`after a second transfer the order shows ${after.payment_status} with ${captured} captured of ${order.total}`)
  }
  log("a second transfer of the same amount went to review; the order was captured once")
}

/** Polls `fn` every 500 ms until it returns something, or null after `ms`. */
async function eventually(ms, fn) {
  const end = Date.now() + ms
  for (;;) {
    const value = await fn()
    if (value || Date.now() > end) return value
    await sleep(500)
  }
}

/** Waits for the sandbox's .env lines and its transfer command (it prints them once listening). */
async function sandboxOutput(sandbox) {
  const end = Date.now() + 60_000
  for (;;) {
    const lines = sandbox.tail().split("\n")
    const transfer = lines.find((l) => /^\s+npx medusa-payment-moota transfer /.test(l))
    if (transfer) {
      return { envLines: lines.filter((l) => /^MOOTA_[A-Z_]+=/.test(l)), transfer: transfer.trim().replace(/ --amount <.*$/, "") }
    }
    const exited = await Promise.race([sandbox.exited.then((c) => ({ c })), sleep(300).then(() => null)])
    if (exited) throw new Error(`the README's sandbox command exited with ${exited.c}:\n${sandbox.tail()}`)
    if (Date.now() > end) throw new Error(`the README's sandbox command printed no .env lines within 60 s:\n${sandbox.tail()}`)
  }
}

module.exports = { checkMedusaApp }
