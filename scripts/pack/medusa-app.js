"use strict"

/**
 * (a) of the packaging tier: a plain Medusa app, written as create-medusa-app writes one, installs the
 * tarball with a plain `npm install`, is configured exactly as the README's install section says,
 * migrates, builds, boots, registers pp_moota_moota, takes one checkout and one signed delivery to Paid.
 */

const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")
const { must, run, start, plainEnv, installComplaints, freePort, sleep } = require("./lib")

const NAME = "medusa-payment-moota"
const root = path.resolve(__dirname, "..", "..")
/** The Medusa release the app is made with; any 2.21.x (or a later 2.x the peers admit) can be tried. */
const MEDUSA_VERSION = process.env.PACK_MEDUSA_VERSION || "2.21.2"

/** The README's install section, as written there: keep the two identical. */
const README_CONFIG = `import { loadEnv, defineConfig } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const moota = {
  apiToken: process.env.MOOTA_API_TOKEN,              // Moota: Apps & API (scope api); optional
  webhookSecrets: [process.env.MOOTA_WEBHOOK_SECRET], // the Secret token of your Moota webhook
  accounts: [
    {
      bankId: process.env.MOOTA_BANK_ID,              // the account's bank_id in Moota
      bank: "BCA",
      accountNumber: "1234567890",
      accountHolder: "PT Toko Anda",
    },
  ],
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  plugins: [{ resolve: "medusa-payment-moota", options: moota }],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      dependencies: ["moota"], // lets the provider reach the plugin's module
      options: {
        providers: [{ resolve: "medusa-payment-moota/providers/moota", id: "moota", options: {} }],
      },
    },
  ],
})
`

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
  const { resolveDatabase } = require(path.join(root, "scripts", "lib", "embedded-db"))
  const { Client } = require("pg")
  const app = path.join(tmp, "medusa-app")
  fs.mkdirSync(path.join(app, "src", "scripts"), { recursive: true })
  let db = null
  let server = null
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
    fs.copyFileSync(path.join(root, "scripts", "seed-dev-store.ts"), path.join(app, "src", "scripts", "seed.ts"))
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

    const secret = crypto.randomBytes(24).toString("hex")
    const bankId = "VLagzqBj42D"
    // MOOTA_API_TOKEN stays unset: with it the plugin would call Moota itself (the tier stays offline).
    writeEnv([...baseEnv, `MOOTA_WEBHOOK_SECRET=${secret}`, `MOOTA_BANK_ID=${bankId}`])
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

    const port = await freePort()
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

    await phase("checkout and delivery", () => checkoutToPaid({ url, seed, user, secret, bankId, log }))
  } finally {
    if (server) await server.stop()
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

/** One buyer checkout through the store API, one signed Moota delivery, the order Paid in the admin API. */
async function checkoutToPaid({ url, seed, user, secret, bankId, log }) {
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

  // Moota's delivery: an array of mutations, signed as src/lib/signature.ts verifies it.
  const wib = new Date(Date.now() + 7 * 3_600_000).toISOString().replace("T", " ").slice(0, 19)
  const mutationId = `packMut${Date.now()}`
  const body = JSON.stringify([
    {
      account_number: "1234567890",
      date: wib,
      description: "TRSF E-BANKING CR PACK TEST",
      note: "",
      amount: data.transfer_amount,
      type: "CR",
      balance: 0,
      created_at: wib,
      updated_at: wib,
      mutation_id: mutationId,
      token: mutationId,
      bank_id: bankId,
      taggings: [],
    },
  ])
  const signature = crypto.createHmac("sha256", secret).update(body).digest("hex")
  const delivery = await fetch(`${url}/hooks/moota`, { method: "POST", headers: { "content-type": "application/json", signature }, body })
  if (delivery.status < 200 || delivery.status > 299) throw new Error(`the signed delivery answered ${delivery.status}: ${await delivery.text()}`)
  const refused = await fetch(`${url}/hooks/moota`, { method: "POST", headers: { "content-type": "application/json", signature: "0".repeat(64) }, body })
  if (refused.status !== 401) throw new Error(`a wrongly signed delivery answered ${refused.status}, not 401`)

  const end = Date.now() + 60_000
  let order = null
  while (Date.now() < end) {
    ;({ order } = await api("GET", `/admin/orders/${orderId}?fields=id,payment_status,total`, undefined, adminHeaders))
    if (order.payment_status === "captured") break
    await sleep(500)
  }
  if (order.payment_status !== "captured") throw new Error(`order ${orderId} is ${order.payment_status}, not Paid (captured), 60 s after the delivery`)
  log(`order ${orderId} is Paid (payment_status captured) after one signed delivery`)
}

module.exports = { checkMedusaApp, README_CONFIG }
