import { createServer, request, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { addressAllowed, clientAddress, trustProxySchema, ipAllowlistSchema, type TrustProxy } from "../client-address"
import { parseMootaOptions } from "../options"

/** A request as Node hands it over: the socket's peer and the X-Forwarded-For header the proxies wrote. */
function req(peer: string, xff?: string): IncomingMessage {
  return { headers: xff === undefined ? {} : { "x-forwarded-for": xff }, socket: { remoteAddress: peer } } as unknown as IncomingMessage
}

const trust = (raw: unknown): TrustProxy => trustProxySchema.parse(raw)
const MOOTA = "103.236.201.178"

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress(req("198.51.100.7", MOOTA), trust(false))).toBe("198.51.100.7")
    expect(clientAddress(req("198.51.100.7", MOOTA), trust(undefined))).toBe("198.51.100.7")
  })

  it("behind one proxy (nginx), takes the entry nginx appended, never the client's own leftmost one", () => {
    // The client sent "X-Forwarded-For: 103.236.201.178"; nginx appended the address it saw.
    const forged = req("127.0.0.1", `${MOOTA}, 198.51.100.7`)
    expect(clientAddress(forged, trust(1))).toBe("198.51.100.7")
    expect(clientAddress(forged, trust(["127.0.0.1"]))).toBe("198.51.100.7")
    expect(clientAddress(forged, trust("loopback"))).toBe("198.51.100.7")
    expect(clientAddress(req("127.0.0.1", "198.51.100.7"), trust(1))).toBe("198.51.100.7")
  })

  it("reads `true` as one hop, so an old config no longer believes the forged leftmost entry", () => {
    expect(clientAddress(req("127.0.0.1", `${MOOTA}, 198.51.100.7`), trust(true))).toBe("198.51.100.7")
  })

  it("behind two proxies (Cloudflare, then nginx), skips both and no more", () => {
    const cf = "172.70.1.2"
    expect(clientAddress(req("127.0.0.1", `${MOOTA}, 198.51.100.7, ${cf}`), trust(2))).toBe("198.51.100.7")
    // Only one hop trusted: Cloudflare's edge is the client, the rest is not believed.
    expect(clientAddress(req("127.0.0.1", `${MOOTA}, 198.51.100.7, ${cf}`), trust(1))).toBe(cf)
    // With Cloudflare's ranges instead of a count.
    expect(clientAddress(req("127.0.0.1", `198.51.100.7, ${cf}`), trust(["loopback", "172.64.0.0/13"]))).toBe("198.51.100.7")
  })

  it("with a CIDR list, stops at the first address outside it, even if the client adds more entries", () => {
    const list = trust(["10.0.0.0/8", "127.0.0.1"])
    expect(clientAddress(req("127.0.0.1", "198.51.100.7, 10.1.2.3"), list)).toBe("198.51.100.7")
    // The client itself wrote "10.9.9.9" before a real untrusted hop: that hop is the client.
    expect(clientAddress(req("127.0.0.1", "10.9.9.9, 198.51.100.7, 10.1.2.3"), list)).toBe("198.51.100.7")
    // A peer that is not a trusted proxy is the client, whatever the header says.
    expect(clientAddress(req("198.51.100.9", "10.1.2.3"), list)).toBe("198.51.100.9")
  })

  it("handles IPv6 peers and entries, and reads IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(clientAddress(req("::1", "2001:db8::7"), trust(1))).toBe("2001:db8::7")
    expect(clientAddress(req("::1", "2001:db8::7"), trust("loopback"))).toBe("2001:db8::7")
    expect(clientAddress(req("::ffff:127.0.0.1", `${MOOTA}, ::ffff:198.51.100.7`), trust(["127.0.0.1"]))).toBe("198.51.100.7")
    expect(clientAddress(req("::ffff:198.51.100.7"), trust(false))).toBe("198.51.100.7")
    expect(clientAddress(req("fd00::5", "2001:db8::7"), trust("uniquelocal"))).toBe("2001:db8::7")
  })

  it("reads a real socket: an IPv4 client on 127.0.0.1", async () => {
    const server = createServer((r, res) => res.end(clientAddress(r, trust(false))))
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok))
    const { port } = server.address() as AddressInfo
    const body = await new Promise<string>((ok, fail) => {
      const r = request({ host: "127.0.0.1", port, headers: { "x-forwarded-for": MOOTA } }, (res) => {
        let s = ""
        res.on("data", (d) => (s += d)).on("end", () => ok(s))
      })
      r.on("error", fail).end()
    })
    await new Promise((ok) => server.close(ok))
    expect(body).toBe("127.0.0.1")
  })
})

describe("addressAllowed", () => {
  it("matches addresses and CIDR ranges, IPv4 also in its IPv4-mapped IPv6 form", () => {
    const list = ipAllowlistSchema.parse([MOOTA, "203.0.113.0/24", "2001:db8::/32"])
    expect(addressAllowed(MOOTA, list)).toBe(true)
    expect(addressAllowed(`::ffff:${MOOTA}`, list)).toBe(true)
    expect(addressAllowed("203.0.113.99", list)).toBe(true)
    expect(addressAllowed("2001:db8::1", list)).toBe(true)
    expect(addressAllowed("198.51.100.7", list)).toBe(false)
    expect(addressAllowed("", list)).toBe(false)
  })
})

describe("trustProxy and webhookIpAllowlist options", () => {
  const base = { webhookSecrets: ["s"], accounts: [{ bankId: "b1", bank: "BCA", accountNumber: "1234567890", accountHolder: "TOKO" }] }
  const error = (over: object) => {
    try {
      parseMootaOptions({ ...base, ...over })
      return ""
    } catch (e) {
      return (e as Error).message
    }
  }

  it("accepts false, hop counts, lists and comma-separated strings", () => {
    expect(parseMootaOptions(base).trustProxy).toBe(false)
    expect(parseMootaOptions({ ...base, trustProxy: 2 }).trustProxy).toBe(2)
    expect(parseMootaOptions({ ...base, trustProxy: "loopback, 10.0.0.0/8" }).trustProxy).toEqual(["loopback", "10.0.0.0/8"])
  })

  it("refuses a bad value at boot, naming the option and the entry", () => {
    expect(error({ trustProxy: "nginx" })).toMatch(/trustProxy: "nginx" is not an IP address or CIDR range or one of loopback/)
    expect(error({ trustProxy: 1.5 })).toMatch(/trustProxy: trustProxy must be false, a number of proxy hops/)
    expect(error({ trustProxy: 11 })).toMatch(/trustProxy/)
    expect(error({ trustProxy: ["10.0.0.0/33"] })).toMatch(/"10\.0\.0\.0\/33" is not an IP address/)
    expect(error({ webhookIpAllowlist: ["moota.co"] })).toMatch(/webhookIpAllowlist: "moota.co" is not an IP address or CIDR range/)
  })
})
