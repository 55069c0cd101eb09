import type { Page } from "playwright-core"
import { launchBrowser, type BrowserSession } from "./lib/browser"
import { startStore } from "../../test-kit"
import type { RunningStore } from "../../test-kit/store"

/**
 * Issue 23 (6): a store given a Moota token that may only read mutations. Settings → Moota says, in
 * the merchant's language, that reconciliation is on and that the account list and "Check now" are off
 * because the token lacks a scope. Screenshots: browser-artifacts/token-scopes/.
 */
jest.setTimeout(15 * 60_000)

const WAIT = { timeout: 180_000 }
const LIMITED = "sandbox-token-mutation-read-only"

describe("Moota token scopes on the settings page", () => {
  let store: RunningStore
  let s: BrowserSession
  let page: Page

  beforeAll(async () => {
    store = await startStore({
      admin: true,
      sandboxTokens: [{ token: LIMITED, scopes: ["mutation_read"] }],
      env: { MOOTA_API_TOKEN: LIMITED },
    })
    s = await launchBrowser({ name: "token-scopes", timeoutMs: 120_000 })
    page = s.page
  })

  afterAll(async () => {
    await s?.close()
    await store?.stop()
  })

  it("says which feature the token's missing scope turns off, in words, in both languages, on a desktop and a phone", async () => {
    await page.goto(`${store.url}/app/login`, WAIT)
    await page.getByPlaceholder("Email").fill(store.admin.email)
    await page.getByPlaceholder("Password").fill(store.admin.password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL(/\/app\/orders/, WAIT)

    const words = {
      en: {
        off: "Off: the token lacks this scope",
        why: "Moota did not let this token read the bank accounts",
        on: "On",
        valid: "Valid",
      },
      id: {
        off: "Nonaktif: token tidak memiliki cakupan ini",
        why: "Moota tidak mengizinkan token ini membaca rekening",
        on: "Aktif",
        valid: "Valid",
      },
    }
    for (const lng of ["en", "id"] as const) {
      await s.context.addCookies([{ name: "lng", value: lng, url: store.url }])
      await page.evaluate((l) => localStorage.setItem("lng", l), lng)
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 1400 })
        await page.goto(`${store.url}/app/settings/moota`)
        const accounts = page.getByTestId("moota-scope-accounts_and_check_now")
        await accounts.filter({ hasText: words[lng].why }).waitFor(WAIT)
        expect(await accounts.innerText()).toContain(words[lng].off)
        expect((await page.getByTestId("moota-scope-reconciliation").innerText()).trim()).toBe(words[lng].on)
        expect(await page.getByTestId("moota-token-status").innerText()).toContain(words[lng].valid)
        // Words only: no scope state or feature key as a code, no API path or status.
        const text = await page.getByTestId("moota-token-scopes").innerText()
        expect(text).not.toMatch(/missing_scope|accounts_and_check_now|write_back|GET \/|403/)
        // The account list says Moota did not list the accounts, never that it refused the token.
        expect(await page.locator("body").innerText()).not.toContain(lng === "en" ? "Moota refused the API token" : "Moota menolak token API")
        await page.getByTestId("moota-token-scopes").scrollIntoViewIfNeeded()
        await s.shot(`settings-token-scopes-${lng}-${width}`)
      }
    }
  })
})
