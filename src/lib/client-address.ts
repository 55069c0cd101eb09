import type { IncomingMessage } from "node:http"
import proxyAddr from "proxy-addr"
import { z } from "zod"

/**
 * The client's address behind reverse proxies, as Express's `trust proxy` reads it (with Express's own
 * `proxy-addr`): walk `X-Forwarded-For` from the right, skipping only the proxies the merchant trusts;
 * the first address that is not a trusted proxy is the client. The leftmost entry is whatever the
 * client wrote and is never believed unless every hop before it is trusted.
 */

/** Express's named ranges, accepted in a `trustProxy` list. */
export const PROXY_PRESETS = ["loopback", "linklocal", "uniquelocal"] as const

/** True if `entry` is an IP address, a CIDR range or a preset that proxy-addr understands. */
function isProxyEntry(entry: string): boolean {
  try {
    proxyAddr.compile(entry)
    return true
  } catch {
    return false
  }
}

/** Adds an issue for each entry that is not an address, a CIDR range (or, for proxies, a preset). */
function checkEntries(name: string, list: string[], ctx: z.RefinementCtx): void {
  for (const entry of list) {
    if (!isProxyEntry(entry)) {
      const presets = name === "trustProxy" ? ` or one of ${PROXY_PRESETS.join(", ")}` : ""
      ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range${presets}` })
    }
  }
}

const entries = z.array(z.string().trim().min(1))

/**
 * `trustProxy` as a merchant writes it: `false` (no proxy), a number of proxy hops in front of Medusa
 * (nginx: 1; Cloudflare in front of nginx: 2), or the proxies' addresses/CIDRs/presets (an array or a
 * comma-separated string). `true` is read as 1 hop: it used to mean "believe the first X-Forwarded-For
 * entry", which the client writes.
 */
export const trustProxySchema = z
  .union(
    [
      z.boolean(),
      z.number().int().min(0).max(10),
      z.string().transform((s) => s.split(",").map((e) => e.trim()).filter(Boolean)),
      entries,
    ],
    {
      error:
        "trustProxy must be false, a number of proxy hops from 0 to 10 (1 behind nginx or a PaaS router) " +
        "or a list of your proxies' addresses/CIDR ranges",
    }
  )
  .superRefine((v, ctx) => {
    if (Array.isArray(v)) checkEntries("trustProxy", v, ctx)
  })
  .default(false)

/** The webhook allow-list: IP addresses or CIDR ranges (IPv4 entries also match IPv4-mapped IPv6). */
export const ipAllowlistSchema = entries.superRefine((v, ctx) => checkEntries("webhookIpAllowlist", v, ctx)).default([])

export type TrustProxy = z.output<typeof trustProxySchema>

type Trust = (addr: string, hop: number) => boolean

const compiledTrust = new Map<string, Trust>()

/** The proxy-addr trust function for a `trustProxy` value; compiled once per distinct value. */
function trustFunction(trust: TrustProxy): Trust {
  const key = JSON.stringify(trust)
  let fn = compiledTrust.get(key)
  if (!fn) {
    if (Array.isArray(trust)) fn = proxyAddr.compile(trust)
    else {
      const hops = trust === true ? 1 : trust === false ? 0 : trust
      fn = (_addr, hop) => hop < hops
    }
    compiledTrust.set(key, fn)
  }
  return fn
}

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) as `1.2.3.4`; other addresses unchanged. */
export function normalizeAddress(ip: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip
}

/** The client's address: the socket's peer, or the rightmost X-Forwarded-For entry that is not trusted. */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  return normalizeAddress(proxyAddr(req, trustFunction(trust)) ?? "")
}

const compiledLists = new Map<string, Trust>()

/** True if `ip` is in the allow-list (addresses or CIDRs, IPv4 also matching its IPv4-mapped IPv6 form). */
export function addressAllowed(ip: string, allowlist: string[]): boolean {
  const key = JSON.stringify(allowlist)
  let match = compiledLists.get(key)
  if (!match) {
    match = proxyAddr.compile(allowlist)
    compiledLists.set(key, match)
  }
  return ip !== "" && match(ip, 0)
}
