import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import devDefaults from "./scripts/dev-defaults.json"

/**
 * The dev store and the test suites load the plugin straight from ./src. An app that installs the
 * plugin from npm uses `plugins: [{ resolve: "medusa-payment-moota", options }]` instead (see README).
 */
loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = process.env

/** Plugin options; every MOOTA_* variable overrides the fictitious dev defaults. */
const mootaOptions = {
  apiBaseUrl: env.MOOTA_API_BASE_URL ?? `http://127.0.0.1:${devDefaults.sandboxPort}/api/v2`,
  apiToken: env.MOOTA_API_TOKEN ?? devDefaults.apiToken,
  webhookSecrets: (env.MOOTA_WEBHOOK_SECRETS ?? devDefaults.webhookSecret).split(","),
  accounts: env.MOOTA_ACCOUNTS ? JSON.parse(env.MOOTA_ACCOUNTS) : devDefaults.accounts,
  ...(env.MOOTA_OPTIONS_JSON ? JSON.parse(env.MOOTA_OPTIONS_JSON) : {}),
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    http: {
      storeCors: env.STORE_CORS ?? "http://127.0.0.1:8000,http://localhost:8000",
      adminCors: env.ADMIN_CORS ?? "http://127.0.0.1:9000,http://localhost:9000",
      authCors: env.AUTH_CORS ?? "http://127.0.0.1:9000,http://localhost:9000,http://127.0.0.1:8000,http://localhost:8000",
      jwtSecret: env.JWT_SECRET ?? "dev-only-jwt-secret",
      cookieSecret: env.COOKIE_SECRET ?? "dev-only-cookie-secret",
    },
  },
  admin: {
    disable: env.MEDUSA_ADMIN_DISABLE === "true",
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
  ],
})
