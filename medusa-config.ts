import { join } from "node:path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import devDefaults from "./dev/dev-defaults.json"

/**
 * The dev store and the test suites load the plugin straight from ./src. An app that installs the
 * plugin from npm uses `plugins: [{ resolve: "medusa-payment-moota", options }]` instead (see README).
 */
loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = process.env

/** Plugin options over the others, as JSON (MOOTA_OPTIONS_JSON). */
const optionOverrides: Record<string, unknown> = env.MOOTA_OPTIONS_JSON ? JSON.parse(env.MOOTA_OPTIONS_JSON) : {}

/** Plugin options; every MOOTA_* variable overrides the fictitious dev defaults. */
const mootaOptions: Record<string, unknown> = {
  apiBaseUrl: env.MOOTA_API_BASE_URL ?? `http://127.0.0.1:${devDefaults.sandboxPort}/api/v2`,
  apiToken: env.MOOTA_API_TOKEN ?? devDefaults.apiToken,
  webhookSecrets: (env.MOOTA_WEBHOOK_SECRETS ?? devDefaults.webhookSecret).split(","),
  accounts: env.MOOTA_ACCOUNTS ? JSON.parse(env.MOOTA_ACCOUNTS) : devDefaults.accounts,
  // Every buyer message on, so the dev store's log shows them (the local provider logs each one).
  notifications: {
    templates: {
      awaitingPayment: "moota-awaiting-payment",
      paymentReceived: "moota-payment-received",
      paymentReminder: "moota-payment-reminder",
      orderCanceled: "moota-order-canceled",
      paymentRequested: "moota-payment-requested",
    },
  },
  ...optionOverrides,
}
// A null in MOOTA_OPTIONS_JSON removes that option, as if it were not set at all (e.g. no apiToken).
for (const [key, value] of Object.entries(optionOverrides)) {
  if (value === null) delete mootaOptions[key as keyof typeof mootaOptions]
}

/**
 * E-mail goes to the local provider, which logs it (the dev store's outbox); the admin's feed keeps
 * Medusa's default local provider. `MOOTA_NOTIFICATION_PROVIDER=recording` swaps the e-mail provider
 * for the tests' recording one.
 */
const emailProvider =
  env.MOOTA_NOTIFICATION_PROVIDER === "recording"
    ? // Absolute: Medusa reads "./x" as "./src/x".
      { resolve: join(__dirname, "integration-tests/notification-provider"), id: "recording", options: { channels: ["email"] } }
    : { resolve: "@medusajs/medusa/notification-local", id: "local-email", options: { name: "Local e-mail (logged)", channels: ["email"] } }

/**
 * Browser origins allowed to call the store API (comma-separated). The default admits Medusa's Next.js
 * starters (nextjs-starter-medusa, dtc-starter), which serve on port 8000; set STORE_CORS for a
 * storefront elsewhere. The demo storefront needs no entry: it proxies the store API on its own origin.
 * Customer login goes through /auth, so AUTH_CORS defaults to the admin's and the storefronts' origins.
 */
const storeCors = env.STORE_CORS ?? devDefaults.storeCors
const adminCors = env.ADMIN_CORS ?? "http://127.0.0.1:9000,http://localhost:9000"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    http: {
      storeCors,
      adminCors,
      authCors: env.AUTH_CORS ?? `${adminCors},${storeCors}`,
      jwtSecret: env.JWT_SECRET ?? "dev-only-jwt-secret",
      cookieSecret: env.COOKIE_SECRET ?? "dev-only-cookie-secret",
    },
  },
  admin: {
    disable: env.MEDUSA_ADMIN_DISABLE === "true",
    // The admin's "Copy payment link" copies <storefrontUrl>/payment-collection/<id>?order_id=<order>:
    // the dev store's demo storefront serves that page (MEDUSA_STOREFRONT_URL for another storefront).
    storefrontUrl: env.MEDUSA_STOREFRONT_URL ?? `http://127.0.0.1:${env.MOOTA_DEMO_PORT || 4020}`,
  },
  modules: [
    { resolve: "./src/modules/moota", options: mootaOptions },
    {
      resolve: "@medusajs/medusa/payment",
      dependencies: ["moota"],
      options: {
        providers: [{ resolve: "./src/providers/moota", id: "moota", options: {} }],
      },
    },
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          emailProvider,
          { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local Notification Provider", channels: ["feed"] } },
        ],
      },
    },
  ],
})

/**
 * Scale-out (README "Production setup"; `npm run test:redis` exercises it): with REDIS_URL set, Medusa's
 * Redis event bus, workflow engine (each scheduled job tick runs in one process) and locking replace
 * the in-process ones, and MEDUSA_WORKER_MODE (server | worker | shared) picks what this process runs.
 * defineConfig() has keyed the modules by name already, so the Redis modules take those keys.
 */
if (env.REDIS_URL) {
  const config = module.exports
  config.projectConfig.redisUrl = env.REDIS_URL
  config.projectConfig.workerMode = env.MEDUSA_WORKER_MODE
  Object.assign(config.modules, {
    event_bus: { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl: env.REDIS_URL } },
    workflows: { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { url: env.REDIS_URL } } },
    locking: {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl: env.REDIS_URL } }],
      },
    },
  })
}
