import { MootaApiError, MootaClient } from ".."
import { json, scriptedServer, type Reply } from "./scripted-server"

const TOKEN = "test-token-7f3a9c"
const BANK = { bank_id: "bcaTest0001", bank_type: "bca", label: "BCA", account_number: "1234567890", atas_nama: "TOKO CONTOH" }
const bankPage = { current_page: 1, data: [BANK], last_page: 1, next_page_url: null, per_page: 20, total: 1 }

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
    // The log line names the option that points the plugin elsewhere than Moota.
    expect(error.message).toContain(`Moota was not reached at ${server.url}`)
    expect(error.message).toContain("the plugin's apiBaseUrl option")
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
        data: [{ ...BANK, account_number: 1234567890, brand_new_field: { x: 1 } }],
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
