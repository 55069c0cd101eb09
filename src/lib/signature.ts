import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * Moota signs each webhook delivery with `Signature: <lowercase hex HMAC-SHA256 of the raw body>`,
 * keyed with the webhook's secret_token. No timestamp or prefix, so the raw bytes must be hashed
 * exactly as received (re-serialised JSON does not reproduce the signature), and replays are
 * handled by idempotency on mutation_id, not here. Nothing in this file logs.
 */

/** Header name as Node lower-cases it. */
export const MOOTA_SIGNATURE_HEADER = "signature"

/** Exactly what Moota sends. Other spellings are refused rather than normalised: no legitimate
 * sender produces them, and accepting variants only widens what an attacker may try. */
const SIGNATURE_FORMAT = /^[0-9a-f]{64}$/

export type MootaSignatureFailure = "no_secret" | "missing" | "malformed" | "mismatch"

export type MootaSignatureResult =
  | { ok: true; secretIndex: number }
  | { ok: false; reason: MootaSignatureFailure }

/** Signs a body the way Moota does; also the test helper, so tests never hand-compute HMACs. */
export function signMootaBody(raw: Buffer | string, secret: string): string {
  return hmac(raw, secret).toString("hex")
}

/**
 * Checks the Signature header against each configured secret (several allow rotation: old and new
 * secret accepted while Moota's webhook is switched over). `secretIndex` says which one matched, so
 * callers can tell when an old secret is still in use.
 */
export function verifyMootaSignature(
  raw: Buffer | string,
  header: string | string[] | undefined,
  secrets: readonly string[]
): MootaSignatureResult {
  // Without a secret every signature would be unverifiable: refuse rather than accept unsigned data.
  if (!secrets.some((s) => typeof s === "string" && s.length > 0)) {
    return { ok: false, reason: "no_secret" }
  }

  const value = singleHeader(header)
  if (value === undefined) {
    return { ok: false, reason: "missing" }
  }
  if (value === null || !SIGNATURE_FORMAT.test(value)) {
    return { ok: false, reason: "malformed" }
  }

  const received = Buffer.from(value, "hex")
  for (let i = 0; i < secrets.length; i++) {
    const secret = secrets[i]
    if (typeof secret !== "string" || secret.length === 0) {
      continue
    }
    const expected = hmac(raw, secret)
    // Both are 32-byte SHA-256 digests (the format check guarantees it for `received`),
    // so timingSafeEqual never throws on a length difference.
    if (timingSafeEqual(expected, received)) {
      return { ok: true, secretIndex: i }
    }
  }
  return { ok: false, reason: "mismatch" }
}

/** undefined = absent or empty; null = present but ambiguous (several values). */
function singleHeader(header: string | string[] | undefined): string | null | undefined {
  if (Array.isArray(header)) {
    if (header.length === 0) return undefined
    if (header.length > 1) return null
    return singleHeader(header[0])
  }
  if (typeof header !== "string" || header.length === 0) {
    return undefined
  }
  return header
}

function hmac(raw: Buffer | string, secret: string): Buffer {
  return createHmac("sha256", secret).update(typeof raw === "string" ? Buffer.from(raw, "utf8") : raw).digest()
}
