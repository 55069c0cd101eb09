import { existsSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import { parseArgs, type ParseArgsConfig } from "node:util"
import { z } from "zod"
import { maskAccountNumber } from "../lib/mask"
import { createMootaSandbox, type MootaSandboxOptions } from "./server"
import { sandboxBankInputSchema, sandboxWebhookInputSchema } from "./inputs"

/**
 * `medusa-payment-moota sandbox | transfer`: run the local Moota stand-in and simulate transfers
 * against it. Exit codes: 0 success, 1 failure, 2 usage error.
 */

export interface CliIo {
  stdout: (line: string) => void
  stderr: (line: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Stops a running `sandbox` command; SIGINT/SIGTERM do the same. */
  signal?: AbortSignal
}

const DEFAULT_PORT = 4010
const DEFAULT_SANDBOX_URL = `http://127.0.0.1:${DEFAULT_PORT}`
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

const USAGE = `Usage: medusa-payment-moota <command> [options]

Commands:
  sandbox    Run a local Moota API v2 stand-in on 127.0.0.1
  transfer   Record a transfer in a running sandbox and push it to its webhooks
  pay        Pay a VA number or QR created by create-transaction, and push it

Run "medusa-payment-moota <command> --help" for the command's options.`

const SANDBOX_USAGE = `Usage: medusa-payment-moota sandbox [--port 4010] [--config <file.json>]

  --port <n>       Port on 127.0.0.1 (0 picks a free one). Default ${DEFAULT_PORT}.
  --config <file>  JSON with {token, banks, webhooks}; webhooks: [{url, secret, kinds?,
                   start_unique_code?, end_unique_code?, bank_account_id?}].
                   Default: token "${DEFAULT_TOKEN}", two fictitious banks, no webhooks.

Stops on Ctrl-C (SIGINT) or SIGTERM.`

const TRANSFER_USAGE = `Usage: medusa-payment-moota transfer --amount <rupiah> --account <bank_id> [options]

  --amount <n>          Transfer amount, e.g. 150123
  --account <bank_id>   Receiving sandbox account, e.g. bcaSandbox01
  --sandbox <url>       Sandbox URL. Default: sandbox.url in ./dev-store.json, else
                        $MOOTA_SANDBOX_URL, else ${DEFAULT_SANDBOX_URL}
  --type CR|DB          CR = money in (default), DB = money out
  --description <text>  Bank description of the transfer
  --date <when>         WIB "YYYY-MM-DD HH:mm:ss" or "YYYY-MM-DD"; default now
  --amount-as-string    Send the amount as a numeric string in the webhook body
  --no-push             Record the mutation without pushing it`

const PAY_USAGE = `Usage: medusa-payment-moota pay (--va <number> | --trx <trx_id>) [options]

  --va <number>     The VA number the checkout showed
  --trx <trx_id>    Moota's transaction id (e.g. for a QRIS payment)
  --amount <n>      Amount paid; default the transaction's total
  --sandbox <url>   Sandbox URL (as for transfer)
  --no-push         Record the payment without pushing it`

const configSchema = z.object({
  token: z.string().min(1).optional(),
  banks: z.array(sandboxBankInputSchema).min(1).optional(),
  webhooks: z.array(sandboxWebhookInputSchema).optional(),
  userId: z.string().min(1).optional(),
})

const transferAnswerSchema = z.object({
  mutation: z.looseObject({ mutation_id: z.string(), type: z.string(), amount: z.unknown(), bank_id: z.string() }),
  deliveries: z.array(
    z.looseObject({
      webhook_id: z.string(),
      url: z.string(),
      status: z.number().nullable(),
      error: z.string().optional(),
    })
  ),
})

class UsageError extends Error {}

const processIo = (): CliIo => ({
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
})

/** Resolves with the exit code; `sandbox` resolves only once stopped. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case "sandbox":
        return await sandboxCommand(rest, io)
      case "transfer":
        return await transferCommand(rest, io)
      case "pay":
        return await payCommand(rest, io)
      case undefined:
      case "help":
      case "-h":
      case "--help":
        io.stdout(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(e.message)
      return 2
    }
    io.stderr(`Error: ${messageOf(e)}`)
    return 1
  }
}

function parse<const T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values
  } catch (e) {
    throw new UsageError(messageOf(e))
  }
}

async function sandboxCommand(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    port: { type: "string" },
    config: { type: "string" },
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
  const config = values.config ? readConfig(resolve(io.cwd, values.config)) : {}
  const token = config.token ?? DEFAULT_TOKEN

  const sandbox = await createMootaSandbox({
    port,
    token,
    banks: config.banks ?? DEFAULT_SANDBOX_BANKS,
    webhooks: config.webhooks,
    userId: config.userId,
    log: (line) => io.stdout(line),
  })

  io.stdout(`Moota sandbox listening on ${sandbox.url}`)
  io.stdout(`  API base URL: ${sandbox.apiBaseUrl}`)
  io.stdout(`  token: ${config.token ? "(from the config file)" : DEFAULT_TOKEN}`)
  for (const bank of sandbox.state.banks) {
    io.stdout(`  bank ${bank.bank_id}: ${bank.label} ${maskAccountNumber(bank.account_number)} a/n ${bank.atas_nama}`)
  }
  io.stdout(`  webhooks: ${sandbox.state.webhooks.length}`)
  io.stdout(
    `Simulate a transfer: medusa-payment-moota transfer --sandbox ${sandbox.url} ` +
      `--account ${sandbox.state.banks[0].bank_id} --amount 150123`
  )

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

async function transferCommand(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    amount: { type: "string" },
    account: { type: "string" },
    sandbox: { type: "string" },
    type: { type: "string" },
    description: { type: "string" },
    date: { type: "string" },
    "amount-as-string": { type: "boolean" },
    "no-push": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  })
  if (values.help) {
    io.stdout(TRANSFER_USAGE)
    return 0
  }
  if (!values.amount || !/^\d+(\.\d{1,2})?$/.test(values.amount) || Number(values.amount) <= 0) {
    throw new UsageError(`--amount must be a positive number of rupiah, e.g. 150123.\n\n${TRANSFER_USAGE}`)
  }
  if (!values.account) {
    throw new UsageError(`--account <bank_id> is required.\n\n${TRANSFER_USAGE}`)
  }
  const type = (values.type ?? "CR").toUpperCase()
  if (type !== "CR" && type !== "DB") {
    throw new UsageError(`--type must be CR or DB, not "${values.type}".`)
  }
  const base = (values.sandbox ?? defaultSandboxUrl(io)).replace(/\/+$/, "")

  const json = await callSandbox(base, "/_sandbox/transfer", {
    bank_id: values.account,
    amount: Number(values.amount),
    type,
    description: values.description,
    date: values.date,
    amount_as_string: values["amount-as-string"] ?? false,
    push: !values["no-push"],
  }, "transfer")
  return printDeliveries(io, readAnswer(base, json), values["no-push"] ?? false)
}

async function payCommand(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    va: { type: "string" },
    trx: { type: "string" },
    amount: { type: "string" },
    sandbox: { type: "string" },
    "no-push": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  })
  if (values.help) {
    io.stdout(PAY_USAGE)
    return 0
  }
  if (!values.va === !values.trx) {
    throw new UsageError(`Give either --va <number> or --trx <trx_id>.\n\n${PAY_USAGE}`)
  }
  if (values.amount !== undefined && (!/^\d+$/.test(values.amount) || Number(values.amount) <= 0)) {
    throw new UsageError(`--amount must be a positive whole number of rupiah.\n\n${PAY_USAGE}`)
  }
  const base = (values.sandbox ?? defaultSandboxUrl(io)).replace(/\/+$/, "")
  const json = await callSandbox(base, "/_sandbox/pay-transaction", {
    ...(values.va ? { va_number: values.va } : { trx_id: values.trx }),
    ...(values.amount ? { amount: Number(values.amount) } : {}),
    push: !values["no-push"],
  }, "payment")
  return printDeliveries(io, readAnswer(base, json), values["no-push"] ?? false)
}

/** POSTs a control request to the sandbox; the parsed JSON, or an error that says what to do. */
async function callSandbox(base: string, path: string, body: unknown, what: string): Promise<unknown> {
  let response: Response
  let text: string
  try {
    response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    })
    text = await response.text()
  } catch (e) {
    // fetch hides the socket error (ECONNREFUSED, ...) in `cause`.
    const cause = (e as { cause?: unknown } | null)?.cause
    const reason = cause ? messageOf(cause) : messageOf(e)
    throw new Error(
      `Cannot reach the Moota sandbox at ${base} (${reason}). Start it with "medusa-payment-moota sandbox" or pass --sandbox <url>.`
    , { cause: e })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`${base} answered ${response.status} with something other than JSON: is it a Moota sandbox?`)
  }
  if (!response.ok) {
    const message = (json as { message?: unknown })?.message
    throw new Error(`The sandbox refused the ${what} (${response.status}): ${typeof message === "string" ? message : text}`)
  }
  return json
}

function readAnswer(base: string, json: unknown): z.infer<typeof transferAnswerSchema> {
  const answer = transferAnswerSchema.safeParse(json)
  if (!answer.success) {
    throw new Error(`${base} answered with an unexpected shape: is it a Moota sandbox?`)
  }
  return answer.data
}

function printDeliveries(io: CliIo, answer: z.infer<typeof transferAnswerSchema>, noPush: boolean): number {
  const { mutation, deliveries } = answer
  io.stdout(`mutation ${mutation.mutation_id}: ${mutation.type} ${String(mutation.amount)} on ${mutation.bank_id}`)
  if (noPush) {
    io.stdout("not pushed (--no-push)")
    return 0
  }
  if (deliveries.length === 0) {
    io.stdout("no webhook matched (check the webhooks' kinds, account and unique-code range)")
    return 0
  }
  let failed = 0
  for (const d of deliveries) {
    const ok = d.status !== null && d.status >= 200 && d.status < 300
    if (!ok) {
      failed++
    }
    io.stdout(`delivery to webhook ${d.webhook_id} (${d.url}): ${d.status ?? d.error ?? "no answer"}${ok ? "" : " FAILED"}`)
  }
  if (failed > 0) {
    io.stderr(`${failed} of ${deliveries.length} webhook deliveries failed`)
    return 1
  }
  return 0
}

/** Duck-typed: errors from node core and fetch are not instances of every realm's Error. */
function messageOf(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message
  return typeof message === "string" ? message : String(e)
}

/** ./dev-store.json's sandbox.url, then $MOOTA_SANDBOX_URL, then the default port. */
function defaultSandboxUrl(io: CliIo): string {
  const devStore = resolve(io.cwd, "dev-store.json")
  if (existsSync(devStore)) {
    try {
      const url = (JSON.parse(readFileSync(devStore, "utf8")) as { sandbox?: { url?: unknown } })?.sandbox?.url
      if (typeof url === "string" && url) {
        return url
      }
    } catch {
      io.stderr(`Ignoring ${devStore}: not valid JSON`)
    }
  }
  return io.env.MOOTA_SANDBOX_URL || DEFAULT_SANDBOX_URL
}
