import { parseArgs, type ParseArgsConfig } from "node:util"

/** What the `medusa-payment-moota` commands read and write (process streams, or a test's capture). */
export interface CliIo {
  stdout: (line: string) => void
  stderr: (line: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
  /** Stops a running `sandbox` command; SIGINT/SIGTERM do the same. */
  signal?: AbortSignal
}

export const DEFAULT_PORT = 4010
export const DEFAULT_SANDBOX_URL = `http://127.0.0.1:${DEFAULT_PORT}`

/** A wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export function parse<const T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values
  } catch (e) {
    throw new UsageError(messageOf(e))
  }
}

/** Duck-typed: errors from node core and fetch are not instances of every realm's Error. */
export function messageOf(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message
  return typeof message === "string" ? message : String(e)
}
