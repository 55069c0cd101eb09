import jsQR from "jsqr"
import { PNG } from "pngjs"
import { startDemoServer, type DemoServer } from "../../demo/server"
import { parseTlv, verifyQrisCrc } from "../../src/lib/qris"
import type { MootaBuyerPayment } from "../../src/storefront"
import { launchBrowser, type BrowserSession } from "./lib/browser"
import { startStore } from "../../test-kit"
import type { RunningStore } from "../../test-kit/store"

jest.setTimeout(600_000)

/**
 * The buyer's whole journey in a real Chromium, through the demo storefront `npm run dev` serves:
 * product, address, delivery, Moota, place order, the instructions (amount, deadline, a QR that scans
 * back to the QRIS payload), the sandbox's transfer, and the card turning Paid without a reload.
 * Screenshots of every step: browser-artifacts/storefront/.
 */
describe("demo storefront", () => {
  let store: RunningStore
  let demo: DemoServer
  let browser: BrowserSession

  beforeAll(async () => {
    store = await startStore({ admin: false, verbose: process.env.BROWSER_VERBOSE === "1" })
    demo = await startDemoServer({ storeUrl: store.url, publishableKey: store.publishableKey, sandboxUrl: store.sandbox!.url, port: 0 })
    browser = await launchBrowser({ name: "storefront", viewport: { width: 1000, height: 1200 } })
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.url })
  })

  afterAll(async () => {
    await browser?.close()
    await demo?.close()
    await store?.stop()
  })

  it("buys, shows the exact instructions and a scannable QRIS, and turns Paid when the transfer arrives", async () => {
    const { page, shot } = browser
    await page.goto(`${demo.url}/?lang=en`)
    await page.getByRole("button", { name: "Buy Kaos Contoh" }).click()
    await page.getByRole("heading", { name: "Shipping address" }).waitFor()
    await shot("address")
    await page.getByRole("button", { name: "Continue to delivery" }).click()
    await page.getByRole("heading", { name: "Delivery" }).waitFor()
    await shot("delivery")
    await page.getByRole("button", { name: "Continue to payment" }).click()
    await page.getByRole("heading", { name: "Payment" }).waitFor()
    await shot("payment")
    await page.getByRole("button", { name: "Continue to review" }).click()
    await page.getByRole("heading", { name: "Review" }).waitFor()
    expect(await page.getByTestId("cart-total").textContent()).toBe("Rp165.000")
    await shot("review")
    await page.getByRole("button", { name: "Place order" }).click()
    await page.getByTestId("moota-qris-image").waitFor()
    // No reload from here on: a marker on window survives only if the page stays the same.
    await page.evaluate(() => ((window as any).__samePage = true))
    await shot("instructions")

    // What the page shows is exactly what the store holds for this order.
    const { orders } = await store.adminApi("GET", "/admin/orders?fields=id,email,payment_status")
    expect(orders).toHaveLength(1)
    const { payment }: { payment: MootaBuyerPayment } = await store.storeApi(
      "GET",
      `/store/moota/payments/order/${orders[0].id}?email=${encodeURIComponent(orders[0].email)}`
    )
    expect(payment.status).toBe("awaiting")
    expect(payment.transfer_amount).toBe(165_000 + payment.unique_code)
    const card = page.locator("[data-moota-status]")
    expect(await card.getAttribute("data-moota-status")).toBe("awaiting")
    expect(await page.getByTestId("moota-amount").textContent()).toBe(payment.transfer_amount_formatted)
    expect(await page.getByTestId("moota-amount").locator("mark").textContent()).toBe(String(payment.transfer_amount).slice(-3))
    expect(await page.getByTestId("moota-deadline").textContent()).toBe(payment.expires_at_text.en)
    expect(payment.expires_at_text.en).toMatch(/^\d{1,2} \w+ \d{4} \d{2}:\d{2} WIB$/)
    expect(await page.getByRole("timer").textContent()).toMatch(/^23:5\d:\d\d$/)

    // Scan the QR as a phone would: decode the rendered pixels, compare with the payload.
    const qris = payment.accounts.find((a) => a.kind === "qris")!.qris_payload!
    const png = PNG.sync.read(await page.getByTestId("moota-qris-image").screenshot())
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(scanned?.data).toBe(qris)
    expect(verifyQrisCrc(scanned!.data)).toBe(true)
    expect(parseTlv(scanned!.data).find((f) => f.id === "54")?.value).toBe(String(payment.transfer_amount))

    // Copy puts digits on the clipboard; "I have transferred" works from the keyboard.
    await page.getByRole("button", { name: "Copy the transfer amount" }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(String(payment.transfer_amount))
    await page.getByRole("button", { name: "Copy BCA account number 1234567890" }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("1234567890")
    await page.getByRole("button", { name: "I have transferred" }).focus()
    await page.keyboard.press("Enter")
    await page.getByText("We have not received your transfer yet.", { exact: false }).waitFor()
    await shot("checked-not-yet")

    // The bank side: the sandbox records the transfer and pushes it to the store's webhook.
    expect(await page.getByRole("textbox", { name: "Amount", exact: true }).inputValue()).toBe(String(payment.transfer_amount))
    await page.getByRole("button", { name: "Simulate the transfer" }).click()
    await page.getByText("The sandbox pushed the mutation to the webhook (status 200).").waitFor()
    await page.locator('[data-moota-status="paid"]').waitFor({ timeout: 30_000 })
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true)
    expect(await page.getByRole("heading", { name: "Payment received" }).isVisible()).toBe(true)
    expect(await page.getByTestId("moota-status").textContent()).toBe("Paid")
    await shot("paid")

    const { order } = await store.adminApi("GET", `/admin/orders/${orders[0].id}?fields=id,payment_status`)
    expect(order.payment_status).toBe("captured")

    // The same card in Bahasa Indonesia.
    await page.getByRole("button", { name: "Bahasa: Indonesia" }).click()
    expect(await page.getByRole("heading", { name: "Pembayaran diterima" }).isVisible()).toBe(true)
    expect(await page.getByTestId("moota-status").textContent()).toBe("Lunas")
    expect(await page.getByTestId("sandbox-result").textContent()).toBe("Sandbox mengirim mutasi ke webhook (status 200).")
    await shot("paid-id")
  })
})
