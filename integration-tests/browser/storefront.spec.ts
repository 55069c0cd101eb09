import jsQR from "jsqr"
import { PNG } from "pngjs"
import { startDemoServer, type DemoServer } from "../../demo/server"
import { parseTlv, verifyQrisCrc } from "../../src/lib/qris"
import type { MootaBuyerPayment } from "../../src/storefront"
import { launchBrowser, type BrowserSession } from "./lib/browser"
import { eventually } from "../helpers/moota"
import { convertedDraftOrder, startStore } from "../../test-kit"
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
    // As `npm run dev`: BCA, Mandiri and QRIS with a unique amount, and Moota's own BCA VA and QRIS.
    store = await startStore({ admin: false, transactionAccounts: true, verbose: process.env.BROWSER_VERBOSE === "1" })
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
    await page.getByRole("heading", { name: "Payment", exact: true }).waitFor()
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
    await page.locator('[data-moota-status="paid"]').waitFor({ timeout: 60_000 })
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

  it("pays by a BCA virtual account number of the order's own, at phone width, in Bahasa Indonesia and English", async () => {
    const { page, shot } = browser
    await page.setViewportSize({ width: 390, height: 900 })
    await page.goto(`${demo.url}/?lang=id`)
    await page.getByRole("button", { name: "Beli Kaos Contoh" }).click()
    await page.getByRole("button", { name: "Lanjut ke pengiriman" }).click()
    await page.getByRole("button", { name: "Lanjut ke pembayaran" }).click()
    await page.getByRole("heading", { name: "Pembayaran", exact: true }).waitFor()

    // The methods are the storefront kit's paymentChoices: unique amount by default, then Moota's own.
    const methods = page.getByRole("group", { name: "Cara bayar (dikonfirmasi otomatis oleh Moota)" })
    expect(await methods.getByRole("radio").count()).toBe(3)
    expect(await methods.getByRole("radio", { name: /Transfer bank \/ QRIS/ }).isChecked()).toBe(true)
    await methods.getByRole("radio", { name: /BCA Virtual Account/ }).check()
    await shot("va-method-id")
    await page.getByRole("button", { name: "Lanjut ke ringkasan" }).click()
    await page.getByRole("heading", { name: "Ringkasan", exact: true }).waitFor()
    await page.getByRole("button", { name: "Buat pesanan" }).click()
    await page.locator('[data-moota-status="awaiting"]').waitFor()
    await page.evaluate(() => ((window as any).__samePage = true))
    await shot("va-instructions-id")

    // What the card shows is what the store holds: a VA number Moota made for this order, the exact total.
    const { orders } = await store.adminApi("GET", "/admin/orders?fields=id,email,created_at&order=-created_at&limit=1")
    const { payment }: { payment: MootaBuyerPayment } = await store.storeApi(
      "GET",
      `/store/moota/payments/order/${orders[0].id}?email=${encodeURIComponent(orders[0].email)}`
    )
    const va = payment.moota_transaction!
    expect(va).toEqual(expect.objectContaining({ kind: "moota_va", bank: "BCA Virtual Account", va_number: expect.stringMatching(/^88081\d{11}$/) }))
    expect(payment.transfer_amount).toBe(165_000)
    expect(payment.unique_code).toBe(0)
    expect(await page.getByRole("heading", { name: "Bayar ke nomor virtual account ini" }).isVisible()).toBe(true)
    const account = page.getByTestId("moota-account")
    expect(await account.count()).toBe(1)
    expect(await account.getByText("Nomor virtual account").isVisible()).toBe(true)
    expect(await account.getByText(va.va_number!).isVisible()).toBe(true)
    expect(await account.getByText("Atas nama: TOKO CONTOH").isVisible()).toBe(true)
    expect(await page.getByTestId("moota-amount").textContent()).toBe("Rp165.000")
    expect(await page.getByTestId("moota-amount").locator("mark").count()).toBe(0)
    expect(await page.getByText("Bayar tepat sejumlah ini agar pembayaran terkonfirmasi otomatis.").isVisible()).toBe(true)
    expect(await page.getByTestId("moota-deadline").textContent()).toBe(payment.expires_at_text.id)
    expect(await page.getByText(/3 digit terakhir/).count()).toBe(0)
    // No account of the shop's and no static QRIS: the VA number is the one way to pay this order.
    expect(await page.getByText("1234567890").count()).toBe(0)
    expect(await page.getByTestId("moota-qris-image").count()).toBe(0)

    await page.getByRole("button", { name: `Salin nomor BCA Virtual Account ${va.va_number}` }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(va.va_number)
    await page.getByText("Nomor BCA Virtual Account disalin.").waitFor()

    // The same card in English before the payment.
    await page.getByRole("button", { name: "Language: English" }).click()
    await page.getByRole("heading", { name: "Pay to this virtual account number" }).waitFor()
    expect(await page.getByRole("button", { name: "I have paid" }).isVisible()).toBe(true)
    expect(await page.getByTestId("moota-deadline").textContent()).toBe(payment.expires_at_text.en)
    await shot("va-instructions-en")

    // Moota's side: the sandbox records the VA payment and pushes the credit naming the transaction.
    await page.getByRole("button", { name: "Pay BCA Virtual Account" }).click()
    await page.getByText("The sandbox pushed the mutation to the webhook (status 200).").waitFor()
    await page.locator('[data-moota-status="paid"]').waitFor({ timeout: 60_000 })
    expect(await page.evaluate(() => (window as any).__samePage)).toBe(true)
    expect(await page.getByRole("heading", { name: "Payment received" }).isVisible()).toBe(true)
    await shot("va-paid-en")
    await page.getByRole("button", { name: "Bahasa: Indonesia" }).click()
    expect(await page.getByTestId("moota-status").textContent()).toBe("Lunas")
    await shot("va-paid-id")

    const money = await store.adminApi("GET", `/admin/orders/${orders[0].id}?fields=id,payment_status,*payment_collections.payments`)
    expect(money.order.payment_status).toBe("captured")
    expect(money.order.payment_collections.flatMap((c: any) => c.payments)).toHaveLength(1)
  })

  it("serves the admin's payment link at phone width: asks the e-mail, pays the collection, then says the link is paid, in both languages", async () => {
    const { page, shot } = browser
    await page.setViewportSize({ width: 390, height: 900 })
    // The merchant's side, through Medusa's own admin routes: a draft order (a sale over WhatsApp),
    // converted, and a payment collection for it, whose link the admin's "Copy payment link" copies.
    const email = "sari@example.com"
    const address = { first_name: "Sari", last_name: "Dewi", address_1: "Jl. Asia Afrika 8", city: "Bandung", postal_code: "40111", country_code: "id", phone: "081234567891" }
    const order = await convertedDraftOrder(store, { email, address })
    const { payment_collection } = await store.adminApi("POST", "/admin/payment-collections", { order_id: order.id, amount: Number(order.total) })
    const linkPath = `/payment-collection/${payment_collection.id}?order_id=${order.id}`

    await page.goto(`${demo.url}${linkPath}&lang=id`)
    await page.getByRole("heading", { name: "Masukkan email yang Anda pakai saat memesan untuk melihat cara membayar." }).waitFor()
    await page.getByRole("textbox", { name: "Email" }).fill("orang-lain@example.com")
    await page.getByRole("button", { name: "Lihat pembayaran" }).click()
    await page.getByText("Tidak ada pembayaran untuk tautan ini dengan email tersebut.", { exact: false }).waitFor()
    expect(await page.locator("[data-moota-status]").count()).toBe(0)
    await shot("link-wrong-email-id-390")

    await page.getByRole("textbox", { name: "Email" }).fill(email)
    await page.getByRole("button", { name: "Lihat pembayaran" }).click()
    await page.locator('[data-moota-status="awaiting"]').waitFor()
    expect(await page.getByText(`Pembayaran pesanan #${order.display_id}`).isVisible()).toBe(true)
    // What the page asks is what the store opened on that collection: the order's total plus a unique code.
    const { payment }: { payment: MootaBuyerPayment } = await store.storeApi(
      "GET",
      `/store/moota/payments/collection/${payment_collection.id}?order_id=${order.id}&email=${encodeURIComponent(email)}`
    )
    expect(payment).toEqual(expect.objectContaining({ status: "awaiting", order_total: Number(order.total), outstanding: Number(order.total) }))
    expect(await page.getByTestId("moota-amount").textContent()).toBe(payment.transfer_amount_formatted)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await shot("link-awaiting-id-390")

    await page.getByRole("button", { name: "Language: English" }).click()
    await page.getByText(`Payment for order #${order.display_id}`).waitFor()
    expect(await page.getByTestId("moota-deadline").textContent()).toBe(payment.expires_at_text.en)
    await shot("link-awaiting-en-390")

    await page.getByRole("button", { name: "Simulate the transfer" }).click()
    await page.getByText("The sandbox pushed the mutation to the webhook (status 200).").waitFor()
    // The store captures it (a loaded machine may take a while), then the card follows without a reload.
    const captured = await eventually(async () => {
      const { order: o } = await store.adminApi("GET", `/admin/orders/${order.id}?fields=id,payment_status`)
      return o.payment_status === "captured" ? o : null
    }, 120_000)
    expect(captured.payment_status).toBe("captured")
    await page.locator('[data-moota-status="paid"]').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId("moota-status").textContent()).toBe("Paid")
    await shot("link-paid-en-390")

    // The same link opened again (the e-mail in the link this time): it says paid, in both languages.
    await page.goto(`${demo.url}${linkPath}&email=${encodeURIComponent(email)}&lang=en`)
    await page.getByTestId("link-paid").waitFor()
    expect(await page.getByTestId("link-paid").textContent()).toBe("This payment link is already paid. Nothing more is owed.")
    expect(await page.getByRole("button", { name: "Simulate the transfer" }).count()).toBe(0)
    await shot("link-already-paid-en-390")
    await page.getByRole("button", { name: "Bahasa: Indonesia" }).click()
    expect(await page.getByTestId("link-paid").textContent()).toBe("Tautan pembayaran ini sudah lunas. Tidak ada yang perlu dibayar lagi.")
    expect(await page.getByTestId("moota-status").textContent()).toBe("Lunas")
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await shot("link-already-paid-id-390")
    await page.setViewportSize({ width: 1000, height: 900 })
    await shot("link-already-paid-id-desktop")
  })

  it("pays by a QR code Moota made for the order: the image Moota hosts loads and scans, then Paid", async () => {
    const { page, shot } = browser
    await page.setViewportSize({ width: 390, height: 900 })
    await page.goto(`${demo.url}/?lang=en`)
    await page.getByRole("button", { name: "Buy Kaos Contoh" }).click()
    await page.getByRole("button", { name: "Continue to delivery" }).click()
    await page.getByRole("button", { name: "Continue to payment" }).click()
    await page.getByRole("heading", { name: "Payment", exact: true }).waitFor()
    await page.getByRole("radio", { name: /QRIS \(Moota\)/ }).check()
    await page.getByRole("button", { name: "Continue to review" }).click()
    await page.getByRole("heading", { name: "Review" }).waitFor()
    await page.getByRole("button", { name: "Place order" }).click()
    await page.locator('[data-moota-status="awaiting"]').waitFor()
    await page.getByRole("heading", { name: "Pay with QRIS" }).waitFor()

    const { orders } = await store.adminApi("GET", "/admin/orders?fields=id,email,created_at&order=-created_at&limit=1")
    const { payment }: { payment: MootaBuyerPayment } = await store.storeApi(
      "GET",
      `/store/moota/payments/order/${orders[0].id}?email=${encodeURIComponent(orders[0].email)}`
    )
    const qr = payment.moota_transaction!
    expect(qr).toEqual(expect.objectContaining({ kind: "moota_qris", va_number: null, qr_url: expect.stringContaining("/_sandbox/qr/") }))
    // The browser loaded the image from Moota's address (the sandbox here), and it scans to this payment.
    const image = page.getByTestId("moota-qris-image")
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="moota-qris-image"]')
      return !!img && img.complete && img.naturalWidth > 0
    })
    expect(await image.getAttribute("src")).toBe(qr.qr_url)
    const png = PNG.sync.read(await image.screenshot())
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`MOOTA-SANDBOX ${qr.trx_id} ${payment.transfer_amount}`)
    expect(payment.transfer_amount).toBe(165_000)
    expect(await page.getByTestId("moota-amount").locator("mark").count()).toBe(0)
    expect(await page.getByText("Amount to pay", { exact: true }).isVisible()).toBe(true)
    // Only the QR of this order: no account of the shop's, no VA number.
    expect(await page.getByTestId("moota-account").count()).toBe(0)
    const box = await image.boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(390)
    await shot("qr-own-en-390")

    await page.getByRole("button", { name: "Pay QRIS" }).click()
    await page.getByText("The sandbox pushed the mutation to the webhook (status 200).").waitFor()
    await page.locator('[data-moota-status="paid"]').waitFor({ timeout: 60_000 })
    await shot("qr-own-paid-en-390")
    const money = await store.adminApi("GET", `/admin/orders/${orders[0].id}?fields=id,payment_status`)
    expect(money.order.payment_status).toBe("captured")
  })
})
