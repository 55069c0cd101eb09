import { poolConfigOf } from "../listener"

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
