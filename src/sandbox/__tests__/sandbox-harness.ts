import { createHmac, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { createMootaSandbox, type MootaSandbox, type SandboxWebhookInput } from "../server"

/** The sandbox specs' harness: fictitious accounts, a real webhook receiver, and a sandbox per test. */

export const TOKEN = "sandbox-test-token"
export const SECRET = "whsec-test-1"
export const BANKS = [
  { bank_id: "bcaTest0001", bank_type: "bca", label: "BCA", account_number: "1234567890", atas_nama: "TOKO CONTOH" },
  { bank_id: "mdrTest0002", bank_type: "mandiri", label: "Mandiri", account_number: "1230009876543", atas_nama: "TOKO CONTOH" },
]

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  raw: Buffer
}

/** A real webhook receiver that keeps the raw bytes, as a correct verifier must. */
export async function receiver(status = 200) {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, raw: Buffer.concat(chunks) })
      res.writeHead(receiverStatus.value)
      res.end()
    })
  })
  const receiverStatus = { value: status }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    received,
    receiverStatus,
    url: (path: string) => `${base}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export function hmacMatches(raw: Buffer, signature: string | string[] | undefined, secret: string): boolean {
  const expected = createHmac("sha256", secret).update(raw).digest()
  const given = Buffer.from(String(signature), "hex")
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export const bodyOf = (r: Received) => JSON.parse(r.raw.toString("utf8")) as Array<Record<string, unknown>>
export const pathsOf = (rs: Received[]) => rs.map((r) => r.path).sort()

/**
 * A sandbox and its webhook receiver per test (closed after each): `start` makes both, `use` takes ones
 * a test built itself; `api` calls the sandbox's API v2 with a token. Call inside a describe.
 */
export function sandboxPerTest() {
  let sandbox: MootaSandbox | undefined
  let hooks: Awaited<ReturnType<typeof receiver>> | undefined
  afterEach(async () => {
    await sandbox?.close()
    await hooks?.close()
  })
  return {
    sandbox: () => sandbox!,
    hooks: () => hooks!,
    use: (made: { sandbox: MootaSandbox; hooks: Awaited<ReturnType<typeof receiver>> }) => {
      sandbox = made.sandbox
      hooks = made.hooks
    },
    start: async (webhooks: (hooksUrl: (p: string) => string) => SandboxWebhookInput[]) => {
      hooks = await receiver()
      sandbox = await createMootaSandbox({ token: TOKEN, banks: BANKS, userId: "userHashid1", webhooks: webhooks(hooks.url) })
    },
    api: (path: string, init: RequestInit = {}, token = TOKEN) =>
      fetch(`${sandbox!.url}/api/v2${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json", "Content-Type": "application/json" },
      }),
  }
}
