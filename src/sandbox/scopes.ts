import { randomBytes } from "node:crypto"

/**
 * Moota's token scopes, as the sandbox enforces them. Moota's "Apps & API" page issues personal access
 * tokens with scopes; `api` grants every call. The read scopes below are what the plugin's read-only
 * features need; `mutation` (write) adds notes and tags. A call the token's scopes do not cover gets
 * Laravel Passport's answer to a missing scope: 403 "Invalid scope(s) provided.".
 */
export const FULL_SCOPE = "api"

const RULES: { method: string; pattern: RegExp; scopes: string[] }[] = [
  { method: "GET", pattern: /^\/api\/v2\/bank$/, scopes: ["bank_read", "bank"] },
  { method: "POST", pattern: /^\/api\/v2\/bank\/[^/]+\/refresh$/, scopes: ["bank_read", "bank"] },
  { method: "GET", pattern: /^\/api\/v2\/mutation$/, scopes: ["mutation_read", "mutation"] },
  { method: "POST", pattern: /^\/api\/v2\/mutation\/[^/]+\/note$/, scopes: ["mutation"] },
  { method: "POST", pattern: /^\/api\/v2\/tagging(\/mutation\/[^/]+)?$/, scopes: ["mutation"] },
]

/** True if a token with `scopes` may make this call; calls not listed above need `api`. */
export function scopesAllow(scopes: readonly string[], method: string, path: string): boolean {
  if (scopes.includes(FULL_SCOPE)) return true
  const rule = RULES.find((r) => r.method === method && r.pattern.test(path))
  return !!rule && rule.scopes.some((s) => scopes.includes(s))
}

/** A fresh random token, as Moota's dashboard would hand one over. */
export function newToken(): string {
  return `sbx_${randomBytes(18).toString("base64url")}`
}
