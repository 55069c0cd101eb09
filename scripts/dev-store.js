#!/usr/bin/env node
/**
 * `npm run dev`: a real Medusa store with this plugin, from nothing but Node 20.
 * Embedded PostgreSQL (data in ./.pgdata, reused) unless DATABASE_URL is set; migrations; an
 * idempotent seed; the Moota sandbox wired to the store's webhook; `medusa develop` on 127.0.0.1.
 * Writes dev-store.json. Ctrl-C stops everything it started.
 *
 * Environment: PORT (store, default 9000), MOOTA_SANDBOX_PORT (default 4010), MOOTA_DEMO_PORT (demo
 * storefront, default 4020: Medusa's Next.js starters take 8000), MEDUSA_STOREFRONT_URL (the admin's
 * payment links, default the demo storefront), DATABASE_URL, the MOOTA_* options
 * read by medusa-config.ts, and STORE_CORS / ADMIN_CORS / AUTH_CORS: the browser origins allowed to call
 * the store (default: a Next.js starter on http://localhost:8000), the admin and /auth.
 */
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { resolveDatabase } = require("../dev/embedded-db")
const devDefaults = require("../dev/dev-defaults.json")
const { startDemoServer, DEFAULT_DEMO_PORT } = require("../demo/server")
const { sandboxBanks } = require("../test-kit/moota")

const root = path.resolve(__dirname, "..")
const port = Number(process.env.PORT || 9000)
const sandboxPort = Number(process.env.MOOTA_SANDBOX_PORT || devDefaults.sandboxPort)
const demoPort = Number(process.env.MOOTA_DEMO_PORT || DEFAULT_DEMO_PORT)
const DB_NAME = "medusa_moota_dev"
const ADMIN = { email: "admin@toko-contoh.test", password: "medusa-moota-dev" }

const children = new Set()
/** Process groups we started: Medusa's dev server forks workers, so whole groups are signalled. */
const groups = new Set()
let db = null
let stopping = false

function log(line) {
  process.stdout.write(`[dev-store] ${line}\n`)
}

function run(cmd, args, env, { capture = false, allowFail = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, detached: true, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" })
    children.add(child)
    groups.add(child.pid)
    let out = ""
    if (capture) {
      child.stdout.on("data", (d) => (out += d))
      child.stderr.on("data", (d) => (out += d))
    }
    child.on("exit", (code) => {
      children.delete(child)
      if (code === 0 || allowFail) resolve({ code, out })
      else reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}${capture ? `\n${out.slice(-2000)}` : ""}`))
    })
  })
}

async function ensureDatabase(conn) {
  const { Client } = require("pg")
  const client = new Client({ host: "127.0.0.1", port: conn.port, user: conn.user, password: conn.password, database: "postgres" })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME])
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${DB_NAME}`)
      log(`created database ${DB_NAME}`)
    }
  } finally {
    await client.end()
  }
}

/** The accounts the dev store offers: the unique-code ones and Moota's own VA and QRIS. */
const devAccounts = [...devDefaults.accounts, ...devDefaults.transactionAccounts]

function sandboxConfig() {
  return {
    token: devDefaults.apiToken,
    banks: sandboxBanks({ transactions: true }),
    webhooks: [{ url: `http://127.0.0.1:${port}/hooks/moota`, secret: devDefaults.webhookSecret, kinds: "both" }],
  }
}

async function waitFor(url, ms) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    try {
      await fetch(url)
      return
    } catch {
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  throw new Error(`${url} did not answer within ${ms} ms`)
}

async function stop(code) {
  if (stopping) return
  stopping = true
  log("stopping...")
  const signal = (sig) => {
    for (const pgid of groups) {
      try {
        process.kill(-pgid, sig)
      } catch {
        // already gone
      }
    }
  }
  signal("SIGTERM")
  const deadline = Date.now() + 8000
  while (children.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
  signal("SIGKILL")
  if (db) await db.stop().catch(() => undefined)
  process.exit(code)
}

async function main() {
  process.on("SIGINT", () => stop(0))
  process.on("SIGTERM", () => stop(0))

  db = await resolveDatabase({ dataDir: path.join(root, ".pgdata"), persistent: true, log })
  let databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    await ensureDatabase(db)
    databaseUrl = `postgres://${db.user}:${encodeURIComponent(db.password)}@localhost:${db.port}/${DB_NAME}`
  }

  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
  const configFile = path.join(root, ".pgdata", "sandbox.config.json")
  fs.mkdirSync(path.dirname(configFile), { recursive: true })
  fs.writeFileSync(configFile, JSON.stringify(sandboxConfig(), null, 2), { mode: 0o600 })
  const sandbox = spawn(process.execPath, [path.join(root, "bin/medusa-payment-moota.js"), "sandbox", "--port", String(sandboxPort), "--config", configFile], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
  })
  children.add(sandbox)
  groups.add(sandbox.pid)
  sandbox.on("exit", (code) => {
    children.delete(sandbox)
    if (!stopping) {
      log(`the Moota sandbox exited (${code}); is port ${sandboxPort} free? Set MOOTA_SANDBOX_PORT to use another.`)
      stop(1)
    }
  })
  await waitFor(`${sandboxUrl}/_sandbox/state`, 30_000)

  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || "development",
    DATABASE_URL: databaseUrl,
    MOOTA_API_BASE_URL: process.env.MOOTA_API_BASE_URL || `${sandboxUrl}/api/v2`,
    MOOTA_API_TOKEN: process.env.MOOTA_API_TOKEN || devDefaults.apiToken,
    MOOTA_WEBHOOK_SECRETS: process.env.MOOTA_WEBHOOK_SECRETS || devDefaults.webhookSecret,
    MOOTA_ACCOUNTS: process.env.MOOTA_ACCOUNTS || JSON.stringify(devAccounts),
    MEDUSA_DISABLE_TELEMETRY: process.env.MEDUSA_DISABLE_TELEMETRY || "true",
    // admin.storefrontUrl (medusa-config.ts): the admin's "Copy payment link" opens the demo storefront.
    MEDUSA_STOREFRONT_URL: process.env.MEDUSA_STOREFRONT_URL || `http://127.0.0.1:${demoPort}`,
  }
  delete env.PORT
  delete env.HOST
  const medusa = path.join(root, "node_modules", ".bin", "medusa")

  log("running migrations...")
  await run(medusa, ["db:migrate"], env)
  log("seeding (idempotent)...")
  const seeded = await run(medusa, ["exec", "./dev/seed-dev-store.ts"], env, { capture: true })
  const line = seeded.out.split("\n").find((l) => l.includes("SEED_RESULT "))
  if (!line) throw new Error(`the seed printed no result:\n${seeded.out.slice(-2000)}`)
  const seed = JSON.parse(line.slice(line.indexOf("SEED_RESULT ") + 12))
  const user = await run(medusa, ["user", "-e", ADMIN.email, "-p", ADMIN.password], env, { capture: true, allowFail: true })
  if (user.code !== 0 && !/exist/i.test(user.out)) throw new Error(`creating the admin user failed:\n${user.out.slice(-2000)}`)

  // The demo storefront is a convenience: a busy port must not stop the store.
  const demo = await startDemoServer({ storeUrl: `http://127.0.0.1:${port}`, publishableKey: seed.publishable_key, sandboxUrl, port: demoPort }).catch(
    (e) => log(`demo storefront not started (${e.message}); set MOOTA_DEMO_PORT to use another port`)
  )
  const info = {
    store_url: `http://127.0.0.1:${port}`,
    admin_url: `http://127.0.0.1:${port}/app`,
    demo_url: demo ? demo.url : null,
    publishable_key: seed.publishable_key,
    region_id: seed.region_id,
    variant_id: seed.variant_id,
    shipping_option_id: seed.shipping_option_id,
    admin: ADMIN,
    sandbox: { url: sandboxUrl, api_base_url: `${sandboxUrl}/api/v2`, token: devDefaults.apiToken },
    webhook: { url: `http://127.0.0.1:${port}/hooks/moota`, secret: env.MOOTA_WEBHOOK_SECRETS.split(",")[0] },
    accounts: devAccounts.map((a) => ({ bank_id: a.bankId, kind: a.kind, bank: a.bank, account_number: a.accountNumber || null, holder: a.accountHolder })),
    database: db.external ? "external (DATABASE_URL)" : `embedded, data in .pgdata, port ${db.port}`,
    store_cors: process.env.STORE_CORS ?? devDefaults.storeCors,
  }
  fs.writeFileSync(path.join(root, "dev-store.json"), JSON.stringify(info, null, 2) + "\n", { mode: 0o600 })
  log("dev store ready (also written to dev-store.json):")
  process.stdout.write(`
  Store API        ${info.store_url}   (header x-publishable-api-key: ${info.publishable_key})
  Admin            ${info.admin_url}   ${ADMIN.email} / ${ADMIN.password}
  Demo storefront  ${info.demo_url || "(not started)"}   buy as a buyer, then "simulate the transfer"
  Payment links    ${env.MEDUSA_STOREFRONT_URL}/payment-collection/<id>?order_id=<order>   (the admin's "Copy payment link")
  Moota sandbox    ${sandboxUrl}
  Webhook          ${info.webhook.url}   secret: ${info.webhook.secret}
  Store CORS       ${info.store_cors}   (STORE_CORS; your own storefront's origin goes here)
  Accounts         ${info.accounts.map((a) => `${a.bank_id} (${a.bank}${a.account_number ? ` ${a.account_number}` : ""})`).join(", ")}
  Pay an order     npx medusa-payment-moota transfer --amount <transfer_amount> --account bcaSandbox01
                   npx medusa-payment-moota pay --va <VA number>   (an order paid by BCA Virtual Account)

`)
  const develop = spawn(medusa, ["develop", "-H", "127.0.0.1", "-p", String(port)], { cwd: root, env, detached: true, stdio: "inherit" })
  children.add(develop)
  groups.add(develop.pid)
  develop.on("exit", (code) => {
    children.delete(develop)
    if (!stopping) stop(code ?? 1)
  })
}

main().catch((e) => {
  process.stderr.write(`[dev-store] ${e && e.stack ? e.stack : e}\n`)
  stop(1)
})
