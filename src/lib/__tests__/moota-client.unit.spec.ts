import { readFileSync } from "node:fs"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { createMootaSandbox, type MootaSandbox } from "../../sandbox/server"
import { MootaApiError, MootaClient, mootaMutationSchema, mootaWebhookBodySchema } from "../moota-client"

const TOKEN = "test-token-7f3a9c"
const BANKS = [
  { bank_id: "bcaTest0001", bank_type: "bca", label: "BCA", account_number: "1234567890", atas_nama: "TOKO CONTOH" },
  { bank_id: "mdrTest0002", bank_type: "mandiri", label: "Mandiri", account_number: "1230009876543", atas_nama: "TOKO CONTOH" },
  { bank_id: "bniTest0003", bank_type: "bni", label: "BNI", account_number: "0987654321", atas_nama: "TOKO CONTOH" },
]
const FIXTURE = readFileSync(join(__dirname, "../../../integration-tests/fixtures/moota-sdk-webhook.body.json"), "utf8")

type Reply = (req: IncomingMessage, res: ServerResponse) => void

/** A tiny server answering each request with the next reply (the last one repeats). */
async function scriptedServer(replies: Reply[]): Promise<{ url: string; requests: IncomingMessage[]; close(): Promise<void> }> {
  const requests: IncomingMessage[] = []
  const server: Server = createServer((req, res) => {
    requests.push(req)
    req.resume()
    replies[Math.min(requests.length - 1, replies.length - 1)](req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers })
    res.end(JSON.stringify(body))
  }

const bankPage = { current_page: 1, data: [BANKS[0]], last_page: 1, next_page_url: null, per_page: 20, total: 1 }

function countingFetch() {
  const calls: string[] = []
  const fetchFn: typeof fetch = (input, init) => {
    calls.push(String(input))
    return fetch(input, init)
  }
  return { calls, fetchFn }
}

describe("MootaClient against the sandbox", () => {
  let sandbox: MootaSandbox
  let client: MootaClient

  beforeEach(async () => {
    sandbox = await createMootaSandbox({ token: TOKEN, banks: BANKS })
    client = new MootaClient({ baseUrl: sandbox.apiBaseUrl, token: TOKEN, sleep: async () => undefined })
  })

  afterEach(() => sandbox.close())

  it("lists banks in the paginator envelope", async () => {
    const page = await client.listBanks({ per_page: 2 })

    expect(page).toEqual(
      expect.objectContaining({ current_page: 1, last_page: 2, per_page: 2, total: 3 })
    )
    expect(page.data.map((b) => b.bank_id)).toEqual(["bcaTest0001", "mdrTest0002"])
    expect(page.data[0]).toEqual(
      expect.objectContaining({ bank_type: "bca", account_number: "1234567890", atas_nama: "TOKO CONTOH", label: "BCA" })
    )
  })

  it("follows bank pages", async () => {
    const banks = await client.listAllBanks({ per_page: 1 })

    expect(banks.map((b) => b.bank_id)).toEqual(BANKS.map((b) => b.bank_id))
  })

  it("lists mutations with two-decimal string amounts and filters by bank, type, amount and day", async () => {
    await sandbox.receiveTransfer({ bank_id: "bcaTest0001", amount: 150123, push: false })
    await sandbox.receiveTransfer({ bank_id: "bcaTest0001", amount: 20000, type: "DB", push: false })
    await sandbox.receiveTransfer({ bank_id: "mdrTest0002", amount: 150123, push: false })
    await sandbox.receiveTransfer({ bank_id: "bcaTest0001", amount: 99001, date: "2021-10-05 10:25:16", push: false })

    const credits = await client.listMutations({ bank: "bcaTest0001", type: "CR", amount: 150123 })
    expect(credits.total).toBe(1)
    expect(credits.data[0]).toEqual(
      expect.objectContaining({ bank_id: "bcaTest0001", type: "CR", amount: "150123.00", account_number: "1234567890" })
    )

    const oldDay = await client.listMutations({ start_date: "2021-10-05", end_date: new Date("2021-10-05T12:00:00Z") })
    expect(oldDay.data.map((m) => m.amount)).toEqual(["99001.00"])
    expect(oldDay.data[0].date).toBe("2021-10-05 10:25:16")
  })

  it("walks mutation pages up to the page cap and says when it stopped early", async () => {
    for (let i = 0; i < 5; i++) {
      await sandbox.receiveTransfer({ bank_id: "bcaTest0001", amount: 10_000 + i, push: false })
    }

    const all = await client.listMutationsSince("2000-01-01", { per_page: 2 })
    expect(all).toEqual(expect.objectContaining({ pages: 3, complete: true }))
    expect(new Set(all.mutations.map((m) => m.mutation_id)).size).toBe(5)

    const capped = await client.listMutationsSince(new Date("2000-01-01T00:00:00Z"), { per_page: 2, maxPages: 2 })
    expect(capped).toEqual(expect.objectContaining({ pages: 2, complete: false }))
    expect(capped.mutations).toHaveLength(4)
  })

  it("writes back: refresh, tags (existing tag is success), note, re-push", async () => {
    const { mutation } = await sandbox.receiveTransfer({ bank_id: "bcaTest0001", amount: 150123, push: false })
    const id = mutation.mutation_id as string

    await client.refreshBank("bcaTest0001")
    await client.refreshBank("bcaTest0001")
    expect(await client.createTag("order_01ABC")).toEqual({ created: true })
    expect(await client.createTag("order_01ABC")).toEqual({ created: false })
    await client.attachTags(id, ["order_01ABC"])
    await client.addNote(id, "Medusa order #1001")
    await client.resendWebhook(id)

    expect(sandbox.state.refresh_counts).toEqual({ bcaTest0001: 2 })
    const [listed] = (await client.listMutations({ tag: "order_01ABC" })).data
    expect(listed).toEqual(expect.objectContaining({ mutation_id: id, note: "Medusa order #1001" }))
    expect(listed.taggings).toEqual([expect.objectContaining({ name: "order_01ABC" })])
  })

  it("maps 401 to a non-retriable MootaApiError without the token in it", async () => {
    const { calls, fetchFn } = countingFetch()
    const bad = new MootaClient({ baseUrl: sandbox.apiBaseUrl, token: "wrong-token-123", fetch: fetchFn })

    const error = await bad.listBanks().catch((e) => e)

    expect(error).toBeInstanceOf(MootaApiError)
    expect(error).toEqual(
      expect.objectContaining({ status: 401, retriable: false, code: "http", endpoint: "GET /bank" })
    )
    expect(error.message).not.toContain("wrong-token-123")
    expect(calls).toHaveLength(1)
  })

  it("does not retry a 422", async () => {
    const { calls, fetchFn } = countingFetch()
    const counting = new MootaClient({ baseUrl: sandbox.apiBaseUrl, token: TOKEN, fetch: fetchFn })
    const { mutation } = await sandbox.receiveTransfer({ bank_id: "bcaTest0001", amount: 1000, push: false })

    const error = await counting.attachTags(mutation.mutation_id as string, ["never-created"]).catch((e) => e)

    expect(error).toEqual(expect.objectContaining({ status: 422, retriable: false }))
    expect(error.responseMessage).toContain("never-created")
    expect(calls).toHaveLength(1)
  })

  it("keeps query values out of the error's endpoint and message", async () => {
    const error = await client.listMutations({ start_date: "05-10-2021" }).catch((e) => e)

    expect(error).toEqual(expect.objectContaining({ status: 422, endpoint: "GET /mutation" }))
    expect(error.message).not.toContain("05-10-2021")
  })
})

describe("MootaClient transport", () => {
  const servers: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })

  async function serve(replies: Reply[]) {
    const server = await scriptedServer(replies)
    servers.push(server)
    return server
  }

  it("sends the Bearer token and Accept: application/json", async () => {
    const server = await serve([json(200, bankPage)])

    await new MootaClient({ baseUrl: server.url, token: TOKEN }).listBanks({ page: 1 })

    expect(server.requests[0].headers).toEqual(
      expect.objectContaining({ authorization: `Bearer ${TOKEN}`, accept: "application/json" })
    )
    expect(server.requests[0].url).toBe("/api/v2/bank?page=1")
  })

  it("retries 503 and 429 with backoff, honouring a capped Retry-After, then succeeds", async () => {
    const server = await serve([
      json(503, { message: "Service Unavailable" }),
      json(429, { message: "Too Many Attempts." }, { "Retry-After": "120" }),
      json(200, bankPage),
    ])
    const sleeps: number[] = []
    const client = new MootaClient({
      baseUrl: server.url,
      token: TOKEN,
      retryBaseDelayMs: 100,
      maxRetryDelayMs: 5000,
      sleep: async (ms) => {
        sleeps.push(ms)
      },
    })

    const page = await client.listBanks()

    expect(page.data[0].bank_id).toBe("bcaTest0001")
    expect(server.requests).toHaveLength(3)
    expect(sleeps[0]).toBeGreaterThanOrEqual(50)
    expect(sleeps[0]).toBeLessThanOrEqual(100)
    expect(sleeps[1]).toBe(5000)
  })

  it("gives up after maxRetries with a retriable error", async () => {
    const server = await serve([json(502, { message: "Bad Gateway" })])
    const client = new MootaClient({ baseUrl: server.url, token: TOKEN, maxRetries: 2, sleep: async () => undefined })

    const error = await client.listBanks().catch((e) => e)

    expect(error).toEqual(expect.objectContaining({ status: 502, retriable: true, code: "http" }))
    expect(server.requests).toHaveLength(3)
  })

  it("times out a silent server, and retries the timeout", async () => {
    const server = await serve([() => undefined])
    const client = new MootaClient({
      baseUrl: server.url,
      token: TOKEN,
      timeoutMs: 100,
      maxRetries: 1,
      sleep: async () => undefined,
    })

    const started = Date.now()
    const error = await client.listBanks().catch((e) => e)

    expect(error).toBeInstanceOf(MootaApiError)
    expect(error).toEqual(expect.objectContaining({ status: null, code: "timeout", retriable: true }))
    expect(server.requests).toHaveLength(2)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it("retries a refused connection as a network error", async () => {
    const server = await scriptedServer([json(200, bankPage)])
    await server.close()
    const sleeps: number[] = []
    const client = new MootaClient({
      baseUrl: server.url,
      token: TOKEN,
      maxRetries: 2,
      sleep: async (ms) => {
        sleeps.push(ms)
      },
    })

    const error = await client.listBanks().catch((e) => e)

    expect(error).toEqual(expect.objectContaining({ code: "network", retriable: true, status: null }))
    expect(sleeps).toHaveLength(2)
  })

  it("redacts the token if an error answer echoes it", async () => {
    const server = await serve([json(400, { message: `token ${TOKEN} is malformed` })])

    const error = await new MootaClient({ baseUrl: server.url, token: TOKEN }).listBanks().catch((e) => e)

    expect(error.message).not.toContain(TOKEN)
    expect(error.responseMessage).toBe("token [token] is malformed")
  })

  it("refuses an answer of the wrong shape without retrying", async () => {
    const server = await serve([json(200, { data: "nope" })])

    const error = await new MootaClient({ baseUrl: server.url, token: TOKEN }).listBanks().catch((e) => e)

    expect(error).toEqual(expect.objectContaining({ code: "invalid_response", retriable: false, status: 200 }))
    expect(server.requests).toHaveLength(1)
  })

  it("accepts string paginator numbers, numeric account numbers and extra fields", async () => {
    const server = await serve([
      json(200, {
        current_page: "1",
        data: [{ ...BANKS[0], account_number: 1234567890, brand_new_field: { x: 1 } }],
        last_page: 1,
        next_page_url: null,
        per_page: "20",
        total: 1,
      }),
    ])

    const page = await new MootaClient({ baseUrl: server.url, token: TOKEN }).listBanks()

    expect(page.per_page).toBe(20)
    expect(page.data[0].account_number).toBe(1234567890)
    expect(page.data[0].brand_new_field).toEqual({ x: 1 })
  })
})

describe("mootaMutationSchema", () => {
  it("parses the body Moota's SDK recorded", () => {
    const [mutation] = mootaWebhookBodySchema.parse(JSON.parse(FIXTURE))

    expect(mutation).toEqual(
      expect.objectContaining({ mutation_id: "aolk4PekJxM", bank_id: "VLagzqBj42D", type: "CR", amount: 100123 })
    )
    expect(mutation.bank?.balance).toBe("100123.00")
  })

  it("keeps numeric-string amounts as given and tolerates a numeric account number", () => {
    const parsed = mootaMutationSchema.parse({
      mutation_id: "aolk4PekJxM",
      bank_id: "VLagzqBj42D",
      type: "cr",
      amount: "10000",
      account_number: 235264741,
      payment_detail: [],
    })

    expect(parsed).toEqual(expect.objectContaining({ amount: "10000", type: "CR", account_number: 235264741 }))
  })

  it("refuses non-numeric amounts, unknown types and missing identities", () => {
    const base = { mutation_id: "aolk4PekJxM", bank_id: "VLagzqBj42D", type: "CR", amount: 10000 }

    expect(mootaMutationSchema.safeParse({ ...base, amount: "10.000,00" }).success).toBe(false)
    expect(mootaMutationSchema.safeParse({ ...base, type: "XX" }).success).toBe(false)
    expect(mootaMutationSchema.safeParse({ ...base, mutation_id: undefined }).success).toBe(false)
    expect(mootaWebhookBodySchema.safeParse([]).success).toBe(false)
  })
})
