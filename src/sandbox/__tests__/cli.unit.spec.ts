import { createHmac } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { main, type CliIo } from "../cli"
import { createMootaSandbox, type MootaSandbox } from "../server"

const BANKS = [
  { bank_id: "bcaTest0001", bank_type: "bca", label: "BCA", account_number: "1234567890", atas_nama: "TOKO CONTOH" },
]

function capture(overrides: Partial<CliIo> = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    env: {},
    cwd: tmpdir(),
    ...overrides,
  }
  return { io, out: () => out.join("\n"), err: () => err.join("\n") }
}

async function statusServer(status: number) {
  const server = createServer((req, res) => {
    req.resume()
    req.on("end", () => {
      res.writeHead(status)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/moota`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

describe("medusa-payment-moota transfer", () => {
  let sandbox: MootaSandbox
  let dir: string

  beforeEach(async () => {
    sandbox = await createMootaSandbox({ token: "t", banks: BANKS })
    dir = mkdtempSync(join(tmpdir(), "moota-cli-"))
  })

  afterEach(async () => {
    await sandbox.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("records the transfer, prints the mutation and each delivery's status", async () => {
    const hook = await statusServer(200)
    sandbox.setWebhooks([{ id: "whk0000001", url: hook.url, secret: "s" }])
    const { io, out } = capture()

    const code = await main(["transfer", "--sandbox", sandbox.url, "--amount", "150123", "--account", "bcaTest0001"], io)
    await hook.close()

    expect(code).toBe(0)
    const [mutation] = sandbox.state.mutations
    expect(mutation).toEqual(expect.objectContaining({ amount: 150123, type: "CR", bank_id: "bcaTest0001" }))
    expect(out()).toContain(`mutation ${mutation.mutation_id}: CR 150123 on bcaTest0001`)
    expect(out()).toContain("webhook whk0000001")
    expect(out()).toMatch(/: 200$/m)
  })

  it("fails when a delivery fails", async () => {
    const hook = await statusServer(500)
    sandbox.setWebhooks([{ url: hook.url, secret: "s" }])
    const { io, out, err } = capture()

    const code = await main(["transfer", "--sandbox", sandbox.url, "--amount", "150123", "--account", "bcaTest0001", "--type", "DB"], io)
    await hook.close()

    expect(code).toBe(1)
    expect(out()).toContain("500 FAILED")
    expect(err()).toContain("1 of 1 webhook deliveries failed")
    expect(sandbox.state.mutations[0].type).toBe("DB")
  })

  it("finds the sandbox in ./dev-store.json, then in MOOTA_SANDBOX_URL", async () => {
    writeFileSync(join(dir, "dev-store.json"), JSON.stringify({ sandbox: { url: sandbox.url } }))
    const fromFile = capture({ cwd: dir, env: { MOOTA_SANDBOX_URL: "http://127.0.0.1:1" } })
    expect(await main(["transfer", "--amount", "1000", "--account", "bcaTest0001"], fromFile.io)).toBe(0)

    const fromEnv = capture({ cwd: tmpdir(), env: { MOOTA_SANDBOX_URL: sandbox.url } })
    expect(await main(["transfer", "--amount", "2000", "--account", "bcaTest0001"], fromEnv.io)).toBe(0)

    expect(sandbox.state.mutations.map((m) => m.amount)).toEqual([1000, 2000])
  })

  it("says clearly when the sandbox refuses or cannot be reached", async () => {
    const refused = capture()
    expect(await main(["transfer", "--sandbox", sandbox.url, "--amount", "1000", "--account", "nope"], refused.io)).toBe(1)
    expect(refused.err()).toContain("bank id is invalid")

    const unreachable = capture()
    const closed = await createMootaSandbox({ token: "t", banks: BANKS })
    await closed.close()
    expect(await main(["transfer", "--sandbox", closed.url, "--amount", "1000", "--account", "bcaTest0001"], unreachable.io)).toBe(1)
    expect(unreachable.err()).toContain(`Cannot reach the Moota sandbox at ${closed.url}`)
  })

  it("exits 2 on usage errors", async () => {
    const missing = capture()
    expect(await main(["transfer", "--account", "bcaTest0001"], missing.io)).toBe(2)
    expect(missing.err()).toContain("--amount")

    const unknown = capture()
    expect(await main(["transfer", "--amount", "1", "--account", "x", "--bogus"], unknown.io)).toBe(2)

    expect(await main(["frobnicate"], capture().io)).toBe(2)
  })
})

describe("medusa-payment-moota sandbox", () => {
  it("starts on 127.0.0.1, prints its URL, and stops when told", async () => {
    const stop = new AbortController()
    const lines: string[] = []
    const { io } = capture({
      stdout: (line) => {
        lines.push(line)
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]
        if (url) {
          void (async () => {
            const res = await fetch(`${url}/api/v2/bank`, { headers: { Authorization: "Bearer sandbox-token" } })
            lines.push(`probe ${res.status} ${(await res.json()).data[0].bank_id}`)
            stop.abort()
          })()
        }
      },
      signal: stop.signal,
    })

    const code = await main(["sandbox", "--port", "0"], io)

    expect(code).toBe(0)
    expect(lines).toContain("probe 200 bcaSandbox01")
    expect(lines[lines.length - 1]).toBe("Moota sandbox stopped")
  })

  it("prints help", async () => {
    const { io, out } = capture()

    expect(await main(["sandbox", "--help"], io)).toBe(0)
    expect(out()).toContain("--config")
    expect(out()).toContain("--webhook <url>")
  })

  it("wired with --webhook and --secret: prints the app's .env lines and the next command, and pushes signed transfers there", async () => {
    const received: { signature: string; body: string }[] = []
    const app = createServer((req, res) => {
      let body = ""
      req.on("data", (d) => (body += d))
      req.on("end", () => {
        received.push({ signature: String(req.headers.signature), body })
        res.writeHead(200)
        res.end()
      })
    })
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve))
    const hook = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks/moota`
    const stop = new AbortController()
    const lines: string[] = []
    let transferred: Promise<number> | null = null
    const { io } = capture({
      stdout: (line) => {
        lines.push(line)
        const next = /^ {2}npx medusa-payment-moota (transfer .*) --amount </.exec(line)?.[1]
        if (next) {
          transferred = main([...next.split(" "), "--amount", "151123"], capture().io).finally(() => stop.abort())
        }
      },
      signal: stop.signal,
    })

    const code = await main(["sandbox", "--port", "0", "--webhook", hook, "--secret", "try-it-secret"], io)
    app.close()

    expect(code).toBe(0)
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(lines.join("\n"))![1]
    expect(lines).toEqual(
      expect.arrayContaining([
        `MOOTA_API_BASE_URL=${url}/api/v2`,
        "MOOTA_API_TOKEN=sandbox-token",
        "MOOTA_WEBHOOK_SECRET=try-it-secret",
        "MOOTA_BANK_ID=bcaSandbox01",
      ])
    )
    expect(await transferred).toBe(0)
    expect(received).toHaveLength(1)
    expect(JSON.parse(received[0].body)[0]).toEqual(expect.objectContaining({ amount: 151123, bank_id: "bcaSandbox01", type: "CR" }))
    expect(received[0].signature).toBe(createHmac("sha256", "try-it-secret").update(received[0].body).digest("hex"))
  })

  it("refuses --secret without --webhook, and a webhook that is not a URL", async () => {
    const alone = capture()
    expect(await main(["sandbox", "--secret", "s"], alone.io)).toBe(2)
    expect(alone.err()).toContain("--secret goes with --webhook <url>")
    const bad = capture()
    expect(await main(["sandbox", "--webhook", "localhost:9000/hooks/moota"], bad.io)).toBe(2)
    expect(bad.err()).toContain('--webhook must be an http(s) URL, not "localhost:9000/hooks/moota"')
  })
})

describe("medusa-payment-moota pay", () => {
  let sandbox: MootaSandbox

  beforeEach(async () => {
    sandbox = await createMootaSandbox({
      token: "t",
      banks: [...BANKS, { bank_id: "vaBcaTest01", bank_type: "bcaVA", label: "BCA VA", account_number: "88081", atas_nama: "TOKO" }],
    })
  })

  afterEach(() => sandbox.close())

  async function vaTransaction() {
    const res = await fetch(`${sandbox.apiBaseUrl}/create-transaction`, {
      method: "POST",
      headers: { Authorization: "Bearer t", "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        order_id: "payses_1",
        bank_account_id: "vaBcaTest01",
        customers: { name: "Budi", email: "budi@example.com", phone: "081234567890" },
        items: [{ name: "Order", qty: 1, price: 150000 }],
        total: 150000,
      }),
    })
    return (await res.json()).data as { trx_id: string; va_number: string }
  }

  it("pays a transaction by its VA number and pushes it", async () => {
    const hook = await statusServer(200)
    sandbox.setWebhooks([{ id: "whk0000001", url: hook.url, secret: "s" }])
    const t = await vaTransaction()
    const { io, out } = capture()

    const code = await main(["pay", "--sandbox", sandbox.url, "--va", t.va_number], io)
    await hook.close()

    expect(code).toBe(0)
    expect(sandbox.state.mutations).toEqual([
      expect.objectContaining({ amount: 150000, bank_id: "vaBcaTest01", payment_detail: expect.objectContaining({ trx_id: t.trx_id }) }),
    ])
    expect(out()).toMatch(/: 200$/m)
  })

  it("pays by trx id with another amount, and refuses an unknown one", async () => {
    const t = await vaTransaction()
    const paid = capture()
    expect(await main(["pay", "--sandbox", sandbox.url, "--trx", t.trx_id, "--amount", "140000"], paid.io)).toBe(0)
    expect(sandbox.state.mutations[0].amount).toBe(140000)
    const unknown = capture()
    expect(await main(["pay", "--sandbox", sandbox.url, "--trx", "TRXnope"], unknown.io)).toBe(1)
    expect(unknown.err()).toContain("No such transaction")
  })

  it("exits 2 unless exactly one of --va and --trx is given", async () => {
    expect(await main(["pay", "--sandbox", sandbox.url], capture().io)).toBe(2)
    expect(await main(["pay", "--va", "1", "--trx", "2"], capture().io)).toBe(2)
  })
})
