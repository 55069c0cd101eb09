import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { poolConfigOf, WebhookListener } from "../listener"

describe("poolConfigOf: the listener's database settings, taken from Medusa's own connection", () => {
  it("takes a connection string, and the schema Medusa's knex searches", () => {
    expect(poolConfigOf({ client: { config: { connection: "postgres://u:p@db:5432/shop", searchPath: "shop" } } })).toEqual({
      connectionString: "postgres://u:p@db:5432/shop",
      options: "-c search_path=shop",
    })
    expect(poolConfigOf({ client: { config: { connection: "postgres://db/shop", searchPath: "public" } } })).toEqual({ connectionString: "postgres://db/shop" })
  })

  it("copies Medusa's settings a thread can take (SSL, timeouts), nothing else", () => {
    const ssl = { rejectUnauthorized: false }
    const config = poolConfigOf({
      client: {
        config: {
          connection: { connectionString: "postgres://db/shop", ssl, connectionTimeoutMillis: 5000, keepAlive: true, expirationChecker: () => false },
        },
      },
    })
    expect(config).toEqual({ connectionString: "postgres://db/shop", ssl, connectionTimeoutMillis: 5000, keepAlive: true })
    expect(() => structuredClone(config)).not.toThrow()
  })

  it("gives up on a password that is a function (it cannot reach a thread), or no connection at all", () => {
    expect(poolConfigOf({ client: { config: { connection: { host: "db", password: () => "token" } } } })).toBeNull()
    expect(poolConfigOf({ client: { config: {} } })).toBeNull()
  })
})

describe("WebhookListener: the thread's life", () => {
  // No database is reached: the thread's pool connects only for a delivery, and none is sent here.
  const knex = { client: { config: { connection: "postgres://127.0.0.1:9/none" } } }
  const options = { webhookSecrets: ["s3cret"], webhookMaxBytes: 1024 * 1024, webhookIpAllowlist: [], trustProxy: false as const }
  const logs = () => {
    const lines: string[] = []
    return { lines, logger: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) } }
  }
  const make = (over: Partial<ConstructorParameters<typeof WebhookListener>[0]> = {}) => {
    const { lines, logger } = logs()
    const listener = new WebhookListener({ host: "127.0.0.1", port: 0, options, knex, received: async () => undefined, logger, ...over })
    return { listener, lines }
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  const answers = (port: number) => fetch(`http://127.0.0.1:${port}/hooks/moota`).then((r) => r.status, () => null)

  it("listens, answers, and is closed once however often close is called; the port is free after", async () => {
    const { listener } = make()
    await listener.start()
    const port = listener.port!
    expect(port).toBeGreaterThan(0)
    expect(await answers(port)).toBe(405)
    const first = listener.close()
    expect(listener.close()).toBe(first)
    await first
    expect(listener.port).toBeNull()
    expect(await answers(port)).toBeNull()
  }, 30_000)

  it("says in the log that the port is taken, runs without it, and does not try again and again", async () => {
    const taken = createServer()
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r))
    const port = (taken.address() as AddressInfo).port
    try {
      const { listener, lines } = make({ port })
      await listener.start()
      expect(listener.port).toBeNull()
      await sleep(1_500)
      expect(lines.filter((l) => l.startsWith("error"))).toEqual([expect.stringContaining(`cannot listen on 127.0.0.1:${port}`)])
      expect(lines.some((l) => l.includes("webhook listener on"))).toBe(false)
      await listener.close()
    } finally {
      taken.close()
    }
  }, 30_000)

  it("starts a thread that listened and then died again, and stops doing so once closed", async () => {
    const { listener, lines } = make({ threadFile: join(__dirname, "threads", "dies-after-listening.js") })
    await listener.start()
    await sleep(1_600) // dies after 50 ms; started again 1 s later
    expect(lines.filter((l) => l.includes("webhook listener on")).length).toBeGreaterThanOrEqual(2)
    await listener.close()
    const after = lines.length
    await sleep(2_500)
    expect(lines.slice(after).filter((l) => l.includes("webhook listener on"))).toEqual([])
  }, 30_000)

  it("does not loop on a thread file that fails to load: one error in the log", async () => {
    const { listener, lines } = make({ threadFile: join(__dirname, "threads", "does-not-load.js") })
    await listener.start()
    expect(listener.port).toBeNull()
    await sleep(1_500)
    expect(lines.filter((l) => l.startsWith("error"))).toEqual([expect.stringContaining("this thread file does not load")])
    await listener.close()
  }, 30_000)
})
