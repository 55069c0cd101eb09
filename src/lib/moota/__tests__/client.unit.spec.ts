import { createMootaSandbox, type MootaSandbox } from "../../../sandbox/server"
import { createMootaClient, MootaApiError, MootaClient } from ".."
import { json, scriptedServer } from "./scripted-server"

const TOKEN = "test-token-7f3a9c"
const BANKS = [
  { bank_id: "bcaTest0001", bank_type: "bca", label: "BCA", account_number: "1234567890", atas_nama: "TOKO CONTOH" },
  { bank_id: "mdrTest0002", bank_type: "mandiri", label: "Mandiri", account_number: "1230009876543", atas_nama: "TOKO CONTOH" },
  { bank_id: "bniTest0003", bank_type: "bni", label: "BNI", account_number: "0987654321", atas_nama: "TOKO CONTOH" },
]

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


describe("MootaClient setup reads", () => {
  const servers: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })

  async function clientFor(body: unknown) {
    const server = await scriptedServer([json(200, body)])
    servers.push(server)
    return { server, client: new MootaClient({ baseUrl: server.url, token: TOKEN }) }
  }

  it("reads the point balance at the top level or under user, as a number or a numeric string", async () => {
    const top = await clientFor({ point: "1250" })
    expect(await top.client.getPoints()).toBe(1250)
    expect(top.server.requests[0].url).toBe("/api/v2/user")
    expect(await (await clientFor({ user: { point: 30 } })).client.getPoints()).toBe(30)
    expect(await (await clientFor({ name: "Toko" })).client.getPoints()).toBeNull()
  })

  it("refuses a point balance that is not a number", async () => {
    const error = await (await clientFor({ point: "banyak" })).client.getPoints().catch((e) => e)

    expect(error).toEqual(expect.objectContaining({ code: "invalid_response", endpoint: "GET /user" }))
  })

  it("lists the account index from an array or a paginator, skipping items without an id", async () => {
    const items = [
      { bank_id: "vaBca000001", bank_type: "bcaVA", label: "BCA VA", account_number: 1234567890, atas_nama: "TOKO" },
      { token: "qris0000001", bank_type: "qris" },
      { bank_type: "bni", label: "no id" },
      "not an object",
    ]
    const expected = [
      { bank_id: "vaBca000001", bank_type: "bcaVA", label: "BCA VA", account_number: "1234567890", atas_nama: "TOKO" },
      { bank_id: "qris0000001", bank_type: "qris", label: null, account_number: null, atas_nama: null },
    ]
    const fromArray = await clientFor(items)
    expect(await fromArray.client.listAccountIndex()).toEqual(expected)
    expect(fromArray.server.requests[0].url).toBe("/api/v2/accounts/index")
    expect(await (await clientFor({ current_page: 1, data: items })).client.listAccountIndex()).toEqual(expected)
  })
})

describe("createMootaClient", () => {
  const options = { apiBaseUrl: "http://127.0.0.1:9/api/v2", apiToken: TOKEN, apiTimeoutMs: 10_000 }

  it("builds no client without an API token", () => {
    expect(createMootaClient({ ...options, apiToken: undefined })).toBeNull()
    expect(createMootaClient({ ...options, apiToken: undefined }, "interactive")).toBeNull()
  })

  it("retries for jobs and answers at once for a person waiting", async () => {
    const unavailable = json(503, { message: "Service Unavailable" })
    const server = await scriptedServer([unavailable, unavailable, json(200, { point: 5 })])
    try {
      const interactive = createMootaClient({ ...options, apiBaseUrl: server.url }, "interactive")
      expect(await interactive?.getPoints().catch((e) => e)).toEqual(expect.objectContaining({ status: 503, retriable: true }))
      expect(server.requests).toHaveLength(1)

      const background = createMootaClient({ ...options, apiBaseUrl: server.url })
      expect(await background?.getPoints()).toBe(5)
      expect(server.requests).toHaveLength(3)
    } finally {
      await server.close()
    }
  })
})
