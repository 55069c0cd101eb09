import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import { seedDevStore, type SeedResult } from "../../dev/seed-dev-store"
import { signInAdmin } from "../../test-kit"
import type { ApiCall } from "../../test-kit/checkout"

/** The `api` object medusaIntegrationTestRunner hands to suites (an axios instance on the test server). */
export type Api = {
  get: (url: string, config?: Record<string, unknown>) => Promise<{ status: number; data: any }>
  post: (url: string, body?: unknown, config?: Record<string, unknown>) => Promise<{ status: number; data: any }>
  delete: (url: string, config?: Record<string, unknown>) => Promise<{ status: number; data: any }>
}

/** The seeded store of an HTTP spec; a shop for the test kit's checkout (storeApi, adminApi, seed). */
export type TestStore = SeedResult & {
  seed: SeedResult
  storeHeaders: { headers: Record<string, string> }
  adminHeaders: { headers: Record<string, string> }
  storeApi: ApiCall
  adminApi: ApiCall
}

const ADMIN = { email: "admin@toko-contoh.test", password: "rahasia-admin-123" }

/** The kit's API call over the runner's axios instance (which throws on a non-2xx answer), with these headers. */
export function apiCall(api: Api, headers: Record<string, string>): ApiCall {
  return async (method: string, path: string, body?: unknown) => {
    const config = { headers }
    const verb = method.toLowerCase()
    const res = verb === "get" ? await api.get(path, config) : verb === "delete" ? await api.delete(path, config) : await api.post(path, body, config)
    return res.data
  }
}

/** Seeds the store and signs an admin in through the real auth routes. */
export async function setUpStore(api: Api, container: MedusaContainer): Promise<TestStore> {
  const seed = await seedDevStore(container)
  const authModule = container.resolve(Modules.AUTH)
  const { authIdentity } = await authModule.register("emailpass", {
    body: { email: ADMIN.email, password: ADMIN.password },
  } as any)
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity!.id, userData: { email: ADMIN.email } },
  })
  const admin = await signInAdmin(apiCall(api, {}), ADMIN)
  const store = { "x-publishable-api-key": seed.publishable_key }
  return {
    ...seed,
    seed,
    storeHeaders: { headers: store },
    adminHeaders: { headers: admin },
    storeApi: apiCall(api, store),
    adminApi: apiCall(api, admin),
  }
}
