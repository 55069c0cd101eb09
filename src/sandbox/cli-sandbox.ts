import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import { z } from "zod"
import { maskAccountNumber } from "../lib/mask"
import { DEFAULT_PORT, UsageError, messageOf, parse, type CliIo } from "./cli-common"
import { sandboxBankInputSchema, sandboxWebhookInputSchema } from "./inputs"
import { createMootaSandbox, type MootaSandboxOptions } from "./server"

/** `medusa-payment-moota sandbox`: the local Moota stand-in, optionally wired to one Medusa app. */

/** A well-known development token: the sandbox is a fake service on loopback. */
const DEFAULT_TOKEN = "sandbox-token"

/** Fictitious accounts: the sandbox never names a real one. */
export const DEFAULT_SANDBOX_BANKS: MootaSandboxOptions["banks"] = [
  {
    bank_id: "bcaSandbox01",
    bank_type: "bca",
    label: "BCA",
    account_number: "1234567890",
    atas_nama: "TOKO CONTOH",
  },
  {
    bank_id: "mandiriSbx02",
    bank_type: "mandiri",
    label: "Mandiri",
    account_number: "1230009876543",
    atas_nama: "TOKO CONTOH",
  },
]

export const SANDBOX_USAGE = `Usage: medusa-payment-moota sandbox [--webhook <url> [--secret <s>]] [--port ${DEFAULT_PORT}] [--config <file.json>]

  --webhook <url>  Push every transfer to this webhook, e.g. your Medusa app's
                   http://localhost:9000/hooks/moota. Prints the .env lines for the app.
  --secret <s>     The webhook's secret (your app's MOOTA_WEBHOOK_SECRET). Default: a new
                   random one, printed with the .env lines.
  --port <n>       Port on 127.0.0.1 (0 picks a free one). Default ${DEFAULT_PORT}.
  --config <file>  JSON with {token, tokens?, banks, webhooks}; webhooks: [{url, secret, kinds?,
                   start_unique_code?, end_unique_code?, bank_account_id?}]; tokens: [{token,
                   scopes}], more tokens limited to scopes such as mutation_read, bank_read.
                   Default: token "${DEFAULT_TOKEN}", two fictitious banks, no webhooks.

Stops on Ctrl-C (SIGINT) or SIGTERM.`

const configSchema = z.object({
  token: z.string().min(1).optional(),
  /** More tokens, each limited to some scopes (sandbox/scopes.ts). */
  tokens: z.array(z.object({ token: z.string().min(1), scopes: z.array(z.string().min(1)).min(1) })).optional(),
  banks: z.array(sandboxBankInputSchema).min(1).optional(),
  webhooks: z.array(sandboxWebhookInputSchema).optional(),
  userId: z.string().min(1).optional(),
})

export async function sandboxCommand(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    port: { type: "string" },
    config: { type: "string" },
    webhook: { type: "string" },
    secret: { type: "string" },
    help: { type: "boolean", short: "h" },
  })
  if (values.help) {
    io.stdout(SANDBOX_USAGE)
    return 0
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a port number (0-65535), not "${values.port}".`)
  }
  const wired = wiredWebhook(values.webhook, values.secret)
  const config = values.config ? readConfig(resolve(io.cwd, values.config)) : {}
  const token = config.token ?? DEFAULT_TOKEN

  const sandbox = await createMootaSandbox({
    port,
    token,
    tokens: config.tokens,
    banks: config.banks ?? DEFAULT_SANDBOX_BANKS,
    webhooks: [...(config.webhooks ?? []), ...(wired ? [wired] : [])],
    userId: config.userId,
    log: (line) => io.stdout(line),
  })

  const bankId = sandbox.state.banks[0].bank_id
  io.stdout(`Moota sandbox listening on ${sandbox.url}`)
  io.stdout(`  API base URL: ${sandbox.apiBaseUrl}`)
  io.stdout(`  token: ${config.token ? "(from the config file)" : DEFAULT_TOKEN}`)
  for (const bank of sandbox.state.banks) {
    io.stdout(`  bank ${bank.bank_id}: ${bank.label} ${maskAccountNumber(bank.account_number)} a/n ${bank.atas_nama}`)
  }
  io.stdout(`  webhooks: ${sandbox.state.webhooks.length}${wired ? ` (transfers are pushed to ${wired.url})` : ""}`)
  const transfer = `npx medusa-payment-moota transfer${port === DEFAULT_PORT ? "" : ` --sandbox ${sandbox.url}`} --account ${bankId}`
  if (wired) {
    // The secret is the sandbox's own, for a fake service on loopback: the app needs it verbatim.
    io.stdout("")
    io.stdout("Put these lines in your Medusa app's .env, then (re)start the app:")
    io.stdout("")
    io.stdout(`MOOTA_API_BASE_URL=${sandbox.apiBaseUrl}`)
    io.stdout(`MOOTA_API_TOKEN=${config.token ? "<the token of your config file>" : DEFAULT_TOKEN}`)
    io.stdout(`MOOTA_WEBHOOK_SECRET=${wired.secret}`)
    io.stdout(`MOOTA_BANK_ID=${bankId}`)
    io.stdout("")
    io.stdout("Then place an order with Moota and pay the exact amount the checkout shows, from another terminal:")
    io.stdout("")
    io.stdout(`  ${transfer} --amount <amount, e.g. 151123>`)
    io.stdout("")
  } else {
    io.stdout(`Simulate a transfer: medusa-payment-moota transfer --sandbox ${sandbox.url} --account ${bankId} --amount 150123`)
  }

  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off("SIGINT", stop)
      process.off("SIGTERM", stop)
      io.signal?.removeEventListener("abort", stop)
      resolveStop()
    }
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
    io.signal?.addEventListener("abort", stop)
    if (io.signal?.aborted) {
      stop()
    }
  })
  await sandbox.close()
  io.stdout("Moota sandbox stopped")
  return 0
}

/** `--webhook <url> [--secret <s>]` as one sandbox webhook (all credits, codes 0-999). */
function wiredWebhook(url: string | undefined, secret: string | undefined): z.infer<typeof sandboxWebhookInputSchema> | null {
  if (url === undefined) {
    if (secret !== undefined) {
      throw new UsageError(`--secret goes with --webhook <url>.\n\n${SANDBOX_USAGE}`)
    }
    return null
  }
  const parsed = sandboxWebhookInputSchema.safeParse({ url, secret: secret ?? randomBytes(32).toString("hex") })
  if (!parsed.success) {
    const what = parsed.error.issues[0]?.path[0] === "secret" ? "--secret must not be empty" : `--webhook must be an http(s) URL, not "${url}"`
    throw new UsageError(`${what}.\n\n${SANDBOX_USAGE}`)
  }
  return parsed.data
}

function readConfig(path: string): z.infer<typeof configSchema> {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, "utf8"))
  } catch (e) {
    throw new Error(`Cannot read the sandbox config ${path}: ${messageOf(e)}`, { cause: e })
  }
  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")
    throw new Error(`Invalid sandbox config ${path}: ${where}`)
  }
  return parsed.data
}
