import { z } from "zod"
import { ACCOUNT_KINDS, isMootaTransactionKind, type AccountKind, type MootaTransactionKind } from "./account-kinds"
import { parseStaticQris } from "./qris"
import { errorMessage } from "./error-message"
import { ipAllowlistSchema, trustProxySchema } from "./client-address"

/**
 * The plugin's options, validated at boot. One schema serves the plugin's module (plugin options)
 * and the payment provider (provider options), so a merchant can pass the same object to both.
 */

/**
 * What to do when a value is missing or empty. Secrets and Moota's ids usually come from environment
 * variables (the README's install block reads MOOTA_WEBHOOK_SECRET, MOOTA_API_TOKEN and MOOTA_BANK_ID),
 * and an unset variable arrives here as `undefined`: the message names the variable to set.
 */
export const MISSING = {
  webhookSecret:
    "the webhook secret is missing or empty. Set MOOTA_WEBHOOK_SECRET in your .env (or environment) to the " +
    "Secret token of your Moota webhook (Moota: Integrations > Webhook), then restart",
  apiToken:
    "the Moota API token is empty. Set MOOTA_API_TOKEN in your .env to a token from Moota's Apps & API page " +
    "(scope api), or leave apiToken out to run without reconciliation, \"check now\" and write-back",
  accounts:
    "no receiving account is configured. Add at least one { bankId, bank, accountNumber, accountHolder } " +
    "(see the README's install section)",
  bankId:
    "the account's Moota bank_id is missing or empty. Set MOOTA_BANK_ID in your .env (the README's example " +
    "reads it) to the bank_id Moota shows for the account (Moota: Bank accounts), or write it in the options",
  bank: 'the bank label shown to buyers is missing or empty, e.g. "BCA"',
  accountNumber: "the account number buyers transfer to is missing or empty",
  accountHolder: 'the account holder\'s name ("atas nama") shown to buyers is missing or empty',
} as const

export { ACCOUNT_KINDS, isMootaTransactionKind, type AccountKind, type MootaTransactionKind }

/** A string that must be given and not blank; `missing` says what to do otherwise. */
function requiredText(missing: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? missing : "must be a string") })
    .trim()
    .min(1, missing)
}

const accountSchema = z
  .object({
    /** Moota's id of the connected account (`bank_id` in Moota's API and webhooks). */
    bankId: requiredText(MISSING.bankId),
    /**
     * `bank` for a plain transfer account, `va` for a fixed virtual account, `qris` for a static QRIS
     * merchant (all three matched by a unique amount); `moota_va` / `moota_qris` for an account of
     * Moota's `GET /accounts/index` on which each payment gets its own VA number or QR from Moota's
     * create-transaction, matched by Moota's transaction id (needs `apiToken`).
     */
    kind: z.enum(ACCOUNT_KINDS).default("bank"),
    /** The label the buyer sees, e.g. "BCA" or "Mandiri". */
    bank: requiredText(MISSING.bank),
    /** Account number shown to the buyer (digits, spaces and dashes allowed). Not needed for `qris`. */
    accountNumber: z
      .string({ error: "must be a string" })
      .trim()
      .refine((n) => n === "" || /^[0-9][0-9 -]{2,39}$/.test(n), "accountNumber must be digits (spaces and dashes allowed)")
      .optional(),
    /** Account holder's name ("atas nama"). */
    accountHolder: requiredText(MISSING.accountHolder),
    /** For `qris`: the merchant's static QRIS string; a dynamic one with the amount is built per order. */
    qris: z.string().trim().optional(),
    /** Set false to stop offering the account without forgetting it (late transfers still match). */
    enabled: z.boolean().default(true),
  })
  .superRefine((a, ctx) => {
    if (a.kind === "qris") {
      if (!a.qris) {
        ctx.addIssue({ code: "custom", path: ["qris"], message: "qris (the static QRIS string) is required for kind qris" })
      } else {
        try {
          parseStaticQris(a.qris)
        } catch (e) {
          ctx.addIssue({ code: "custom", path: ["qris"], message: errorMessage(e) })
        }
      }
    } else if (!isMootaTransactionKind(a.kind) && !a.accountNumber) {
      ctx.addIssue({ code: "custom", path: ["accountNumber"], message: `${MISSING.accountNumber} (required for kind ${a.kind})` })
    }
  })

/** Dates the merchant knows a credential stops working (an alert is sent `expiryWarningDays` before). */
const isoDate = z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date")

/**
 * Buyer messages and merchant alerts, sent through Medusa's Notification Module. A template left empty
 * turns its message off; everything is off for buyers until the merchant names the templates.
 */
const notificationsSchema = z
  .object({
    /** Channel of the buyer messages and the merchant e-mail (a provider must serve it). */
    channel: z.string().trim().min(1).default("email"),
    /** Language of the default subject and text (`id` or `en`); an order's own `en`/`id` locale wins. */
    locale: z.enum(["id", "en"]).default("id"),
    /**
     * Language of merchant alerts (the admin's notification feed and alert e-mails); `locale` when unset.
     * The dashboard keeps each admin's language in that admin's browser only, so the server cannot
     * follow it when an alert is written: the merchant says here which language the admins read.
     */
    merchantLocale: z.enum(["id", "en"]).optional(),
    /** Template ids in the provider's system; "" = not sent. */
    templates: z
      .object({
        awaitingPayment: z.string().trim().default(""),
        paymentReceived: z.string().trim().default(""),
        paymentReminder: z.string().trim().default(""),
        orderCanceled: z.string().trim().default(""),
        /** The buyer is asked for what an order still owes: an edit, exchange or claim raised it, or the merchant requested payment. */
        paymentRequested: z.string().trim().default(""),
        /** The buyer is told their refund was sent (the shop's debit was seen, or the merchant marked it). */
        refundSent: z.string().trim().default(""),
        /** Merchant alerts in the admin's notification feed (the dashboard renders `admin-ui`). */
        merchantFeed: z.string().trim().default("admin-ui"),
        /** Merchant alerts by e-mail to `merchantEmail`. */
        merchantEmail: z.string().trim().default(""),
      })
      .prefault({}),
    /** Channel the admin dashboard reads its notification feed from. */
    feedChannel: z.string().trim().min(1).default("feed"),
    /** Where merchant alerts are e-mailed (with `templates.merchantEmail`). */
    merchantEmail: z.email("merchantEmail must be an e-mail address").optional(),
    /** The one payment reminder goes out this many minutes before the deadline. */
    reminderMinutesBefore: z.number().int().min(5).max(60 * 24 * 29).default(180),
    /** An alert that can repeat (a failing poll, a rejected token) goes out at most once per interval. */
    alertIntervalMinutes: z.number().int().min(5).max(60 * 24 * 7).default(360),
    /** Attempts per message (the first send included) before it is left as failed. */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    /** When the Moota API token expires, if it was created with an expiry. */
    apiTokenExpiresAt: isoDate.optional(),
    /** When the webhook secret is due to be rotated out (e.g. the old secret during a rotation). */
    webhookSecretExpiresAt: isoDate.optional(),
    /** Days before such a date that the merchant is alerted. */
    expiryWarningDays: z.number().int().min(1).max(90).default(7),
  })
  .prefault({})

export const mootaOptionsSchema = z
  .object({
    /** Moota API v2 base URL. Moota serves both app.moota.co and api.moota.co. */
    apiBaseUrl: z.string().url("apiBaseUrl must be a URL").default("https://app.moota.co/api/v2"),
    /** Moota personal access token (scope `api`). Needed for reconciliation, "check now" and write-back. */
    apiToken: requiredText(MISSING.apiToken).optional(),
    /** Timeout of every Moota API call, in milliseconds. */
    apiTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /**
     * Webhook secrets (`secret_token` of the Moota webhook). Several are accepted during rotation.
     * With none configured the webhook refuses every delivery.
     */
    webhookSecrets: z.preprocess(
      (v) => (typeof v === "string" ? [v] : v),
      z.array(requiredText(MISSING.webhookSecret), { error: "must be a string or a list of strings" }).default([])
    ),
    /** Receiving accounts the buyer can transfer to. */
    accounts: z
      .array(accountSchema, {
        error: (issue) => (issue.input === undefined || issue.input === null ? MISSING.accounts : "must be a list of accounts"),
      })
      .min(1, MISSING.accounts),
    /** Smallest unique code. Must sit inside the Moota webhook's unique-code range. */
    uniqueCodeMin: z.number().int().min(0).max(999).default(1),
    /** Largest unique code (at most 999: Moota's range covers the last three digits). */
    uniqueCodeMax: z.number().int().min(0).max(999).default(999),
    /** `increase`: buyer pays total + code; `decrease`: total - code (merchant absorbs the code). */
    uniqueCodeMode: z.enum(["increase", "decrease"]).default("increase"),
    /** How long the buyer has to transfer, in minutes (default 24 h). */
    paymentWindowMinutes: z.number().int().min(5).max(60 * 24 * 30).default(24 * 60),
    /**
     * After the deadline the amount stays blocked for this many minutes, so a late transfer still maps
     * to its order and is flagged for review instead of matching a newer order.
     */
    quarantineMinutes: z.number().int().min(0).max(60 * 24 * 60).default(3 * 24 * 60),
    /**
     * Smallest order total offered on `moota_va` / `moota_qris` accounts (Moota's own plugin refuses
     * VA and QRIS below Rp10,000); a smaller cart gets a clear checkout error naming the minimum.
     */
    transactionMinTotal: z
      .number({ error: "transactionMinTotal must be a whole number of rupiah, e.g. 10000" })
      .int("transactionMinTotal must be a whole number of rupiah, e.g. 10000")
      .min(1, "transactionMinTotal must be at least 1 (rupiah)")
      .default(10_000),
    /** Cancel orders whose payment window passed without a transfer. */
    autoCancelExpired: z.boolean().default(true),
    /** Tag the Moota mutation with the order's display id after a confirmation. */
    writeBack: z.boolean().default(true),
    /**
     * Payment confirmations a process runs side by side (default: a third of the database pool, 3 of
     * knex's 10). More can finish a burst of payments sooner when the database and CPU have room; each
     * holds one or two pool connections, and the webhook's acks need the rest.
     */
    confirmationConcurrency: z.number().int().min(1).max(64).optional(),
    /** Minimum seconds between two "check now" refreshes of one account (each costs Moota points). */
    refreshIntervalSeconds: z.number().int().min(60).default(300),
    /** Largest accepted webhook body, in bytes (413 beyond). */
    webhookMaxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
    /**
     * The plugin's own webhook listener, beside Medusa's route /hooks/moota: a bare HTTP server in a
     * thread of its own on `host:port`, storing deliveries through its own database connections, so its
     * answers to Moota never wait behind the confirmations' work on Medusa's event loop (a flash sale).
     * Route Moota's webhook URL to it in the reverse proxy. Not started in MEDUSA_WORKER_MODE=worker.
     * See docs/operations.md#the-webhook-listener.
     */
    webhookListener: z
      .object({
        port: z.number({ error: "webhookListener.port must be a port number" }).int().min(0).max(65535),
        host: z.string().trim().min(1).default("127.0.0.1"),
      })
      .optional(),
    /** Optional source-IP allow-list for the webhook (addresses or CIDRs; an extra, never the authentication). */
    webhookIpAllowlist: ipAllowlistSchema,
    /**
     * The reverse proxies in front of Medusa, as Express's `trust proxy`: `false`, a number of hops or
     * their addresses/CIDRs. The client address (allow-list, per-address limits) is the rightmost
     * X-Forwarded-For entry that is not a trusted proxy. See docs/options.md#client-addresses.
     */
    trustProxy: trustProxySchema,
    /**
     * Credits on a configured account that no order could explain (see lib/triage.ts): `log` keeps them
     * in the review page's "Other credits" view without a review item or an alert (a shared business
     * account); `review` makes each a review item (an account used only for the shop). Applies to
     * credits processed after the change.
     */
    unrelatedCredits: z.enum(["log", "review"], { error: 'unrelatedCredits must be "log" or "review"' }).default("log"),
    /**
     * A credit within this percentage of an order's total or transfer amount could be for that order
     * and goes to review (a missing unique code, a rounded or partial transfer).
     */
    unrelatedTolerancePercent: z
      .number({ error: "unrelatedTolerancePercent must be a number" })
      .min(0, "unrelatedTolerancePercent must be at least 0")
      .max(50, "unrelatedTolerancePercent must be at most 50")
      .default(3),
    /** Days of mutations the reconciliation poll looks back on its first run. */
    reconcileLookbackDays: z.number().int().min(1).max(31).default(2),
    /** A refund still not sent this many days after Medusa recorded it raises one merchant alert. */
    refundAlertDays: z
      .number({ error: "refundAlertDays must be a number of days" })
      .int("refundAlertDays must be a whole number of days")
      .min(1, "refundAlertDays must be at least 1")
      .max(60, "refundAlertDays must be at most 60")
      .default(3),
    /** Store name used in the payment instructions. */
    storeName: z.string().trim().min(1).optional(),
    /** Buyer messages and merchant alerts (see README, Notifications). */
    notifications: notificationsSchema,
  })
  .superRefine((o, ctx) => {
    if (o.uniqueCodeMin > o.uniqueCodeMax) {
      ctx.addIssue({ code: "custom", path: ["uniqueCodeMin"], message: "uniqueCodeMin must not exceed uniqueCodeMax" })
    }
    const seen = new Set<string>()
    o.accounts.forEach((a, i) => {
      if (seen.has(a.bankId)) {
        ctx.addIssue({ code: "custom", path: ["accounts", i, "bankId"], message: `duplicate bankId ${a.bankId}` })
      }
      seen.add(a.bankId)
    })
    o.accounts.forEach((a, i) => {
      if (isMootaTransactionKind(a.kind) && !o.apiToken) {
        ctx.addIssue({
          code: "custom",
          path: ["accounts", i, "kind"],
          message: `kind ${a.kind} creates each payment through Moota's API: set apiToken (MOOTA_API_TOKEN)`,
        })
      }
    })
    if (o.accounts.length && !o.accounts.some((a) => a.enabled)) {
      ctx.addIssue({ code: "custom", path: ["accounts"], message: "at least one account must be enabled" })
    }
  })

/** The options as written in medusa-config (`webhookSecrets` is read through a preprocess, typed here). */
export type MootaOptionsInput = Omit<z.input<typeof mootaOptionsSchema>, "webhookSecrets"> & {
  webhookSecrets?: string | string[]
}
export type MootaOptions = z.output<typeof mootaOptionsSchema>
export type MootaAccount = MootaOptions["accounts"][number]
export type MootaNotificationOptions = MootaOptions["notifications"]

export class MootaOptionsError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid medusa-payment-moota options: ${issues.join("; ")}`)
    this.name = "MootaOptionsError"
  }
}

/** Validates raw options; the error names every offending option by its path. */
export function parseMootaOptions(raw: unknown): MootaOptions {
  const result = mootaOptionsSchema.safeParse(raw ?? {})
  const issues = result.success
    ? []
    : result.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
  // `webhookSecrets: process.env.MOOTA_WEBHOOK_SECRET` with the variable unset reads as "no secret",
  // which would refuse every delivery: an option written but undefined is a mistake, not a choice.
  if (raw && typeof raw === "object" && "webhookSecrets" in raw && (raw as { webhookSecrets?: unknown }).webhookSecrets === undefined) {
    issues.unshift(`webhookSecrets: ${MISSING.webhookSecret}`)
  }
  if (!result.success || issues.length) {
    throw new MootaOptionsError(issues)
  }
  return result.data
}
