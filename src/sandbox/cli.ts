import { existsSync, readFileSync } from "node:fs"
import { resolve } from "node:path"
import { z } from "zod"
import { DEFAULT_SANDBOX_URL, UsageError, messageOf, parse, type CliIo } from "./cli-common"
import { sandboxCommand } from "./cli-sandbox"

export type { CliIo } from "./cli-common"
export { DEFAULT_SANDBOX_BANKS } from "./cli-sandbox"

/**
 * `medusa-payment-moota sandbox | transfer`: run the local Moota stand-in and simulate transfers
 * against it. Exit codes: 0 success, 1 failure, 2 usage error.
 */

const USAGE = `Usage: medusa-payment-moota <command> [options]

Commands:
  sandbox    Run a local Moota API v2 stand-in on 127.0.0.1
  transfer   Record a transfer in a running sandbox and push it to its webhooks
  pay        Pay a VA number or QR created by create-transaction, and push it

Run "medusa-payment-moota <command> --help" for the command's options.`

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
