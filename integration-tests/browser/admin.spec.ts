import { writeFileSync } from "node:fs"
import { join } from "node:path"
import type { Page } from "playwright-core"
import { launchBrowser, type BrowserSession } from "./lib/browser"
import { ALL_INBOX_OUTCOMES, REVIEW_REASONS } from "../../src/lib/statuses"
import { convertedDraftOrder, placeMootaOrder, startStore } from "../../test-kit"
import type { RunningStore } from "../../test-kit/store"

/**
 * The merchant's admin in a real Chromium against a real store: log in, see an awaiting order's Moota
 * instructions, watch it turn Paid when the (sandbox) bank transfer arrives, then settle an unmatched
 * transfer from the review queue. Screenshots of every step: browser-artifacts/admin/.
 */

// Cold start on 2 cores: store boot ~1 min, first dashboard load through Vite up to ~2 min.
jest.setTimeout(15 * 60_000)

const WAIT = { timeout: 180_000 }

/** An amount as the admin writes it in both languages, as the buyer's card does (issue 26): "Rp165.000". */
const enAmount = (n: number) => `Rp${n.toLocaleString("id-ID")}`

/** The sandbox accounts' Moota ids: the merchant reads "BCA · TOKO CONTOH · ••7890", never these. */
const BANK_IDS = ["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"]

/** Internals a merchant must never read: Moota ids, inbox outcomes and reasons as codes, API paths. */
const INTERNALS = [
  ...BANK_IDS,
  ...ALL_INBOX_OUTCOMES.filter((o) => o.includes("_")),
  ...REVIEW_REASONS.filter((r) => r.includes("_")),
  "manual-mres_",
  "GET /",
  "/accounts/index",
  "Not Found",
]

describe("Moota admin in the browser", () => {
  let store: RunningStore
  let s: BrowserSession
  let page: Page
  const started = Date.now()
  const timings: Record<string, number> = {}
  const mark = (name: string) => (timings[name] = Date.now() - started)

  beforeAll(async () => {
    // With Moota's own BCA VA and QRIS too, as `npm run dev` offers them.
    store = await startStore({ admin: true, transactionAccounts: true, verbose: process.env.BROWSER_VERBOSE === "1" })
    mark("store ready")
    s = await launchBrowser({ name: "admin", timeoutMs: 120_000 })
    page = s.page
  })

  afterAll(async () => {
    await s?.close()
    await store?.stop()
    mark("stopped")
    // Kept beside the screenshots: milliseconds since the start, and per boot phase.
    const report = JSON.stringify({ boot: store?.timings, steps: timings }, null, 2)
    if (s) {
      writeFileSync(join(s.dir, "timings.json"), `${report}\n`)
    }
    console.log(`browser test timings: ${report}`)
  })

  const status = () => page.getByTestId("moota-payment-status")
  /** What Profile → Language stores: i18next reads the "lng" cookie first, then localStorage. */
  const language = async (lng: string) => {
    await s.context.addCookies([{ name: "lng", value: lng, url: store.url }])
    await page.evaluate((l) => localStorage.setItem("lng", l), lng)
  }
  let paidOrderId = ""
  let markedOrderId = ""
  let paidAmount = 0

  /**
   * Fails naming what leaked: the page's text must hold none of INTERNALS, and the Moota widget not the
   * `captured` outcome either (Medusa's own activity says "Payment captured" beside it; the other
   * one-word outcomes, "matched" and "manual", are words in English and Indonesian).
   */
  async function expectNoInternals(where: string) {
    const text = await page.locator("body").innerText()
    expect([where, INTERNALS.filter((i) => text.includes(i))]).toEqual([where, []])
    const widget = page.getByTestId("moota-order-payment")
    if (await widget.count()) {
      const words = await widget.innerText()
      expect([where, /\bcaptured\b/.test(words)]).toEqual([where, false])
    }
  }

  /**
   * Seen whole: the text sits inside its list's card, on one line when it is an amount (the list
   * scrolls sideways in its card on a phone, so a too-wide row cuts its last column at the card's edge).
   */
  async function expectWithinList(text: ReturnType<Page["getByText"]>, what: string) {
    const seen = await text.evaluate((el) => {
      const box = el.getBoundingClientRect()
      const card = el.closest(".overflow-x-auto")!.getBoundingClientRect()
      const range = document.createRange()
      range.selectNodeContents(el)
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
      return { inside: box.left >= card.left - 1 && box.right <= card.right + 1, amountOnOneLine: !/^Rp/.test(el.textContent ?? "") || lines === 1 }
    })
    expect([what, seen]).toEqual([what, { inside: true, amountOnOneLine: true }])
  }

  /**
   * The Moota widget comes before Medusa's Activity card: beside the order at 1280 px, its top on the
   * first screen; on a phone (one column) still above Customer and Activity.
   */
  async function expectWidgetAboveActivity(lng: "en" | "id", width: number) {
    await page.evaluate(() => window.scrollTo(0, 0))
    const widget = (await page.getByTestId("moota-order-payment").boundingBox())!
    const activity = (await page.getByRole("heading", { name: lng === "en" ? "Activity" : "Aktivitas", exact: true }).boundingBox())!
    const where = { width, widgetAboveActivity: widget.y < activity.y, widgetTopOnFirstScreen: width < 1280 || widget.y < 900 }
    expect(where).toEqual({ width, widgetAboveActivity: true, widgetTopOnFirstScreen: true })
  }

  async function expectAbsent(scope: ReturnType<Page["getByTestId"]>, texts: string[]) {
    const text = await scope.innerText()
    expect(texts.filter((x) => text.includes(x))).toEqual([])
  }

  it("logs in", async () => {
    // The first load compiles the dashboard in Vite: give it time, then wait for the form itself.
    await page.goto(`${store.url}/app/login`, WAIT)
    await page.getByPlaceholder("Email").waitFor(WAIT)
    mark("login page")
    await s.shot("login")
    await page.getByPlaceholder("Email").fill(store.admin.email)
    await page.getByPlaceholder("Password").fill(store.admin.password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL(/\/app\/orders/, WAIT)
    await page.getByText("Moota review").first().waitFor(WAIT)
    mark("logged in")
    await s.shot("logged-in")
  })

  it("shows the transfer instructions of an order awaiting payment, then turns Paid when the transfer arrives", async () => {
    const { order_id: orderId, session } = await placeMootaOrder(store)
    paidOrderId = orderId
    const amount: number = session.data.transfer_amount
    paidAmount = amount
    await page.goto(`${store.url}/app/orders/${orderId}`)
    const widget = page.getByTestId("moota-order-payment")
    await widget.waitFor(WAIT)
    await status().filter({ hasText: "Awaiting transfer" }).waitFor()
    await page.getByTestId("moota-transfer-amount").filter({ hasText: enAmount(amount) }).waitFor()
    await widget.getByText(`unique code ${String(session.data.unique_code).padStart(3, "0")}`).waitFor()
    await widget.getByText(session.data.expires_at_text.en, { exact: true }).waitFor()
    await widget.getByText("BCA · TOKO CONTOH · ••7890", { exact: true }).waitFor()
    await widget.getByRole("button", { name: "Mark as paid" }).waitFor()
    mark("widget awaiting")
    await s.shot("order-awaiting", widget)

    const { mutation, deliveries } = await store.transfer({ bank_id: "bcaSandbox01", amount })
    if (deliveries[0]?.status !== 200) {
      throw new Error(`the sandbox delivery was answered ${deliveries[0]?.status}`)
    }
    // The widget polls while the payment awaits: no reload, the page itself turns Paid.
    await status().filter({ hasText: "Paid" }).waitFor()
    await page.getByTestId("moota-mutation-id").filter({ hasText: mutation.mutation_id }).waitFor()
    await widget.getByText("Moota webhook").waitFor()
    // A Paid widget says what arrived, when and where, not the instructions of an awaiting payment.
    await page.getByTestId("moota-paid-amount").filter({ hasText: enAmount(amount) }).waitFor()
    await page.getByTestId("moota-paid-account").filter({ hasText: "BCA · TOKO CONTOH · ••7890" }).waitFor()
    await expectAbsent(widget, ["Amount to transfer", "Pay to", "Awaiting transfer", "Deadline"])
    mark("widget paid")
    await s.shot("order-paid", page.getByTestId("moota-matched-transfer"))
  })

  it("shows the VA number Moota made for an order, not a unique code, in both languages and on a phone, then Paid on it", async () => {
    const { order_id: orderId, session } = await placeMootaOrder(store, { bank_id: "vaBcaSandbx1" })
    const va: string = session.data.moota_transaction.va_number
    const widget = page.getByTestId("moota-order-payment")
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${store.url}/app/orders/${orderId}`)
    await widget.waitFor(WAIT)
    await page.getByTestId("moota-va-number").filter({ hasText: va }).waitFor()
    await widget.getByText("BCA Virtual Account · TOKO CONTOH", { exact: true }).waitFor()
    await widget.getByText("The order total exactly: no unique code").waitFor()
    await widget.getByText("VA number created").waitFor()
    await page.getByTestId("moota-transfer-amount").filter({ hasText: enAmount(session.data.transfer_amount) }).waitFor()
    expect(await page.getByTestId("moota-transfer-amount").locator("mark").count()).toBe(0)
    // The VA account's configured prefix and the unique-code wording say nothing about this order.
    await expectAbsent(widget, ["unique code 000", "Amount reserved", "••8081", "Amount to transfer"])
    await expectNoInternals("VA order awaiting")
    await s.shot("order-va-awaiting-en-1280", widget)

    // The same page in Indonesian on a phone, then back.
    const reloadAs = async (lng: string, width: number) => {
      await language(lng)
      await page.setViewportSize({ width, height: 900 })
      await page.reload()
    }
    await reloadAs("id", 390)
    await widget.getByText("Nomor VA dibuat").waitFor(WAIT)
    await widget.getByText("Tepat total pesanan, tanpa kode unik").waitFor()
    // What the buyer must pay, not what was paid ("Nominal dibayar" read as paid on an unpaid order).
    await widget.getByText("Nominal yang harus dibayar", { exact: true }).waitFor()
    const number = page.getByTestId("moota-va-number").filter({ hasText: va })
    await number.waitFor()
    const box = await number.boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(390)
    await expectNoInternals("VA order awaiting, id 390")
    await s.shot("order-va-awaiting-id-390", widget)
    await reloadAs("en", 1280)
    await widget.getByText("VA number created").waitFor(WAIT)

    // Moota's side: the buyer pays the VA; the credit names the transaction and the widget turns Paid.
    const res = await fetch(`${store.sandbox!.url}/_sandbox/pay-transaction`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ va_number: va }),
    })
    expect(res.status).toBe(201)
    await status().filter({ hasText: "Paid" }).waitFor()
    await page.getByTestId("moota-paid-account").filter({ hasText: `BCA Virtual Account · TOKO CONTOH · ••${va.slice(-4)}` }).waitFor()
    await page.getByTestId("moota-paid-amount").filter({ hasText: enAmount(session.data.transfer_amount) }).waitFor()
    mark("VA order widget")
    await s.shot("order-va-paid-en-1280", widget)
  })

  it("matches an unmatched transfer from the review queue, and the order is Paid", async () => {
    const { order_id: orderId, session } = await placeMootaOrder(store)
    // The buyer got the last digits wrong: nothing awaits this amount, so it waits for the merchant.
    const wrong: number = session.data.transfer_amount + 7
    await store.transfer({ bank_id: "bcaSandbox01", amount: wrong })

    await page.goto(`${store.url}/app/moota-review`)
    await page.getByTestId("moota-review").waitFor(WAIT)
    await page.getByTestId("moota-review-badge").filter({ hasText: "1" }).waitFor()
    const row = page.getByRole("row").filter({ hasText: enAmount(wrong) })
    // Reason and account are drawn twice (wide table, and stacked for a phone): the visible one counts.
    await row.getByText("Unmatched").filter({ visible: true }).waitFor()
    await row.getByText("BCA · TOKO CONTOH · ••7890").filter({ visible: true }).waitFor()
    await expectNoInternals("review queue")
    mark("review listed")
    await s.shot("review-queue")

    await row.click()
    const drawer = page.getByTestId("moota-review-drawer")
    const candidate = drawer.getByTestId(`moota-candidate-${session.data.reservation_id}`)
    await candidate.waitFor()
    await candidate.getByText(enAmount(session.data.transfer_amount)).waitFor()
    await s.shot("review-candidates")

    await candidate.getByRole("button", { name: "Match" }).click()
    const dialog = page.getByRole("alertdialog")
    await dialog.getByText(/Match to order #\d+/).waitFor()
    await dialog.getByRole("textbox").fill("Buyer mistyped the last digits; confirmed by phone")
    await s.shot("review-match-note")
    await dialog.getByRole("button", { name: "Match" }).click()
    await page.getByText("Matched: the order is paid.").waitFor()
    await drawer.getByText("Matched", { exact: true }).first().waitFor()
    mark("review matched")
    await s.shot("review-matched")

    await page.goto(`${store.url}/app/orders/${orderId}`)
    await page.getByTestId("moota-order-payment").waitFor(WAIT)
    await status().filter({ hasText: "Paid" }).waitFor()
    await page.getByText("Confirmed the payment").waitFor()
    await page
      .getByTestId("moota-paid-by")
      .filter({ hasText: `Matched by hand by ${store.admin.email}: Buyer mistyped the last digits; confirmed by phone` })
      .waitFor()
    mark("order paid after match")
    await s.shot("order-paid-by-match", page.getByTestId("moota-timeline"))
  })

  it("marks an order as paid from the widget, only with a note, as this admin", async () => {
    const { order_id: orderId } = await placeMootaOrder(store)
    await page.goto(`${store.url}/app/orders/${orderId}`)
    const widget = page.getByTestId("moota-order-payment")
    await status().filter({ hasText: "Awaiting transfer" }).waitFor(WAIT)
    await widget.getByRole("button", { name: "Mark as paid" }).click()
    const dialog = page.getByRole("alertdialog")
    const confirm = dialog.getByRole("button", { name: "Mark as paid" })
    await dialog.getByRole("textbox").fill("ok")
    if (await confirm.isEnabled()) {
      throw new Error("Mark as paid must need a note of at least 3 characters")
    }
    await dialog.getByRole("textbox").fill("Transfer seen in the BCA app")
    await s.shot("mark-paid-note")
    await confirm.click()
    await page.getByText("Marked as paid.").waitFor()
    await status().filter({ hasText: "Paid" }).waitFor()
    await widget.getByText(`Confirmed by ${store.admin.email}`).waitFor()
    await page.getByTestId("moota-paid-by").filter({ hasText: `Marked as paid by ${store.admin.email}: Transfer seen in the BCA app` }).waitFor()
    await expectAbsent(widget, ["Mutation ID", "manual-", "Amount to transfer", "Pay to"])
    await expectNoInternals("order marked as paid")
    markedOrderId = orderId
    mark("marked paid")
    await s.shot("order-marked-paid", page.getByTestId("moota-timeline"))
  })

  it("asks for a converted draft order's payment with Request payment, and shows the message to paste, in both languages and on a phone", async () => {
    const order = await convertedDraftOrder(store)
    await page.goto(`${store.url}/app/orders/${order.id}`)
    const widget = page.getByTestId("moota-order-payment")
    await widget.getByText("Still owed").waitFor(WAIT)
    await widget.getByTestId("moota-request-payment").click()
    const message = widget.getByTestId("moota-request-message")
    await message.waitFor(WAIT)
    const text = await message.innerText()
    const { payment_request } = await store.adminApi("POST", `/admin/moota/orders/${order.id}/payment-request`, {})
    // The message holds the exact amount the buyer must transfer and the order's number, in words.
    if (!text.includes(payment_request.transfer_amount_formatted) || !text.includes(`#${order.display_id}`)) {
      throw new Error(`the request message lacks the amount or the order number: ${text}`)
    }
    await expectNoInternals("payment request")
    await s.shot("request-payment-en-1280", widget)
    await language("id")
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await widget.getByText("Menunggu transfer").first().waitFor(WAIT)
    await s.shot("request-payment-awaiting-id-390", widget)
    await language("en")
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  it("shows the Moota settings page with the webhook to configure, and sends a test", async () => {
    await page.goto(`${store.url}/app/settings/moota`)
    await page.getByTestId("moota-settings").waitFor(WAIT)
    await page.getByTestId("moota-webhook-url").filter({ hasText: `${store.url}/hooks/moota` }).waitFor()
    await page.getByTestId("moota-code-range").filter({ hasText: "0 to 999" }).waitFor()
    await page.getByTestId("moota-token-status").filter({ hasText: "Valid" }).waitFor()
    await page.getByRole("button", { name: "Send test" }).click()
    await page.getByTestId("moota-test-result").filter({ hasText: "Test delivered: this store's webhook accepted it." }).waitFor()
    // The test transfer is the last webhook: its result in words, not `ignored_test`. It is decided
    // after the delivery is answered, so the page may first show it being processed: reload until done.
    const testOutcome = page.getByTestId("moota-last-webhook").filter({ hasText: "Test transfer: confirms nothing" })
    for (let i = 0; i < 10 && !(await testOutcome.count()); i++) {
      await page.reload()
      await page.getByTestId("moota-last-webhook").waitFor(WAIT)
    }
    await testOutcome.waitFor()
    await page.getByTestId("moota-account-bcaSandbox01").getByText("Bank transfer").waitFor()
    // Which accounts are which, and whether Moota lists them (its accounts/index for a VA of its own).
    const va = page.getByTestId("moota-account-vaBcaSandbx1")
    await va.getByText("VA per order (Moota)").waitFor()
    expect(await va.getByRole("cell").nth(3).textContent()).toBe("Yes")
    await page.getByTestId("moota-account-qrisMootaSb1").getByText("QRIS per order (Moota)").waitFor()
    await expectNoInternals("settings")
    mark("settings tested")
    await s.shot("settings-tested")
  })

  it("says on the settings page, in both languages, that no IDR region offers Moota yet, until one does", async () => {
    const notice = page.getByTestId("moota-checkout-setup")
    await page.goto(`${store.url}/app/settings/moota`)
    await page.getByTestId("moota-token-status").waitFor(WAIT)
    expect(await notice.count()).toBe(0)
    const regionId = store.seed.region_id
    const { region } = await store.adminApi("GET", `/admin/regions/${regionId}?fields=id,*payment_providers`)
    const providers: string[] = region.payment_providers.map((p: { id: string }) => p.id)
    await store.adminApi("POST", `/admin/regions/${regionId}`, { payment_providers: providers.filter((id) => id !== "pp_moota_moota") })
    try {
      const words = {
        en: "Buyers cannot choose Moota yet: no region in IDR offers it.",
        id: "Pembeli belum dapat memilih Moota: belum ada wilayah dengan IDR yang menawarkannya.",
      }
      for (const lng of ["en", "id"] as const) {
        await language(lng)
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 })
          await page.goto(`${store.url}/app/settings/moota`)
          await notice.filter({ hasText: words[lng] }).waitFor(WAIT)
          await s.shot(`settings-no-idr-region-${lng}-${width}`)
        }
      }
    } finally {
      await store.adminApi("POST", `/admin/regions/${regionId}`, { payment_providers: providers })
      await language("en")
      await page.setViewportSize({ width: 1440, height: 1000 })
    }
    await page.goto(`${store.url}/app/settings/moota`)
    await page.getByTestId("moota-token-status").waitFor(WAIT)
    expect(await notice.count()).toBe(0)
  })

  it("speaks Bahasa Indonesia when the dashboard's language is Indonesian", async () => {
    await language("id")
    await page.goto(`${store.url}/app/orders/${paidOrderId}`)
    await page.getByText("Pembayaran Moota").waitFor(WAIT)
    await status().filter({ hasText: "Lunas" }).waitFor()
    await page.getByText("Pembayaran diterima").waitFor()
    await s.shot("order-paid-id", page.getByTestId("moota-matched-transfer"))
    await page.goto(`${store.url}/app/moota-review`)
    await page.getByText("Antrean tinjauan Moota").waitFor(WAIT)
    await page.getByText("Tinjauan Moota").first().waitFor()
    await s.shot("review-queue-id")
    await language("en")
  })

  it("names accounts and outcomes in words on every merchant screen, in both languages, on a desktop and a phone", async () => {
    // Money no order explains (a marketplace payout): an "other credit"; and the buyer of the first
    // order paying twice: a review item whose reason is `already_paid` in the database.
    await store.transfer({ bank_id: "mandiriSbox1", amount: 2_450_000 })
    await store.transfer({ bank_id: "bcaSandbox01", amount: paidAmount })
    const words = {
      en: { paid: "Payment received", marked: "Marked as paid by", queue: "Moota review queue", reason: "Already paid / overpaid", kind: "Not for an order", settings: "Accounts" },
      id: { paid: "Pembayaran diterima", marked: "Ditandai lunas oleh", queue: "Antrean tinjauan Moota", reason: "Sudah lunas / lebih bayar", kind: "Bukan untuk pesanan", settings: "Rekening" },
    }
    for (const lng of ["en", "id"] as const) {
      await language(lng)
      const w = words[lng]
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 })
        const tag = `${lng}-${width}`

        await page.goto(`${store.url}/app/orders/${paidOrderId}`)
        await page.getByTestId("moota-matched-transfer").getByText(w.paid).waitFor(WAIT)
        await page.getByTestId("moota-paid-account").filter({ hasText: "BCA · TOKO CONTOH · ••7890" }).waitFor()
        await expectNoInternals(`paid order ${tag}`)
        await expectWidgetAboveActivity(lng, width)
        await s.shot(`order-paid-${tag}`, page.getByTestId("moota-order-payment"))

        await page.goto(`${store.url}/app/orders/${markedOrderId}`)
        await page.getByTestId("moota-paid-by").filter({ hasText: `${w.marked} ${store.admin.email}` }).waitFor(WAIT)
        await expectNoInternals(`marked order ${tag}`)
        await s.shot(`order-marked-${tag}`, page.getByTestId("moota-order-payment"))

        await page.goto(`${store.url}/app/moota-review`)
        await page.getByText(w.queue).first().waitFor(WAIT)
        await page.getByRole("row").filter({ hasText: w.reason }).first().waitFor()
        await expectNoInternals(`review queue ${tag}`)
        await expectWithinList(page.getByRole("row").filter({ hasText: w.reason }).first().getByText(w.reason).filter({ visible: true }), `reason ${tag}`)
        await s.shot(`review-${tag}`)

        await page.getByTestId("moota-other-credits-tab").click()
        const credit = page.getByRole("row").filter({ hasText: "Rp2.450.000" })
        await credit.getByText("Mandiri · TOKO CONTOH · ••5678").filter({ visible: true }).waitFor(WAIT)
        await expectNoInternals(`other credits ${tag}`)
        await expectWithinList(credit.getByText(w.kind), `kind ${tag}`)
        await expectWithinList(credit.getByText("Rp2.450.000"), `amount ${tag}`)
        await s.shot(`other-credits-${tag}`)

        await page.goto(`${store.url}/app/settings/moota`)
        await page.getByTestId("moota-settings").getByText(w.settings, { exact: true }).first().waitFor(WAIT)
        await page.getByTestId("moota-last-webhook").waitFor()
        await page.getByTestId("moota-account-vaBcaSandbx1").getByText(lng === "en" ? "VA per order (Moota)" : "VA per pesanan (Moota)").waitFor()
        await expectNoInternals(`settings ${tag}`)
        await s.shot(`settings-${tag}`, page.getByTestId("moota-last-webhook"))
      }
    }
    await language("en")
    await page.setViewportSize({ width: 1440, height: 1000 })
    mark("words on every screen")
  })

  it("lists refunds to send with the order, what the buyer paid and the wait, in both languages, on a desktop and a phone; marks one sent with a note", async () => {
    const { order } = await store.adminApi(
      "GET",
      `/admin/orders/${paidOrderId}?fields=id,display_id,*payment_collections,*payment_collections.payments`
    )
    const payment = (order.payment_collections as any[]).flatMap((pc) => pc.payments ?? []).find((p: any) => p.provider_id === "pp_moota_moota")
    await store.adminApi("POST", `/admin/payments/${payment.id}/refund`, { amount: 15_000 })
    const words = {
      en: { title: "Refunds to send", order: `Order #${order.display_id}`, amount: "Rp15.000", waiting: "Waiting 0 days", paid: "The buyer transferred" },
      id: { title: "Refund yang harus dikirim", order: `Pesanan #${order.display_id}`, amount: "Rp15.000", waiting: "Menunggu 0 hari", paid: "Pembeli mentransfer" },
    }
    for (const lng of ["en", "id"] as const) {
      await language(lng)
      const w = words[lng]
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 })
        await page.goto(`${store.url}/app/moota-refunds`)
        const list = page.getByTestId("moota-refunds")
        await list.getByText(w.title).first().waitFor(WAIT)
        const row = list.locator("[data-testid^=moota-refund-]").filter({ hasText: w.order })
        await row.getByText(w.amount).waitFor(WAIT)
        await row.getByText(w.waiting).waitFor()
        await row.getByText(w.paid).waitFor()
        // The top bar names the page too (its breadcrumb was empty).
        await page.locator("ol li").filter({ hasText: w.title }).waitFor()
        await expectNoInternals(`refunds ${lng}-${width}`)
        await s.shot(`refunds-${lng}-${width}`)
      }
    }
    await language("en")
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${store.url}/app/moota-refunds`)
    const row = page.getByTestId("moota-refunds").locator("[data-testid^=moota-refund-]").filter({ hasText: words.en.order })
    await row.getByRole("button", { name: "Mark as sent" }).click(WAIT)
    const dialog = page.getByRole("alertdialog")
    await dialog.getByRole("textbox").fill("Sent by GoPay to the buyer")
    await s.shot("refund-mark-sent-note")
    await dialog.getByRole("button", { name: "Mark as sent" }).click()
    await page.getByText("Refund marked as sent").waitFor()
    // Gone from "To send" (the list refetches once the action is done), listed under "Sent".
    await row.waitFor({ state: "detached", timeout: 60_000 })
    await page.getByText("No refund waits to be sent.").waitFor()
    await page.getByTestId("moota-refunds-sent-tab").click()
    await page.getByText("Sent by GoPay to the buyer").waitFor(WAIT)
    await page.getByText("Marked as sent").first().waitFor()
    await s.shot("refunds-sent-en-1280")

    // A second refund of the order, marked sent by a merchant reading Indonesian on a phone.
    await store.adminApi("POST", `/admin/payments/${payment.id}/refund`, { amount: 10_000 })
    await language("id")
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${store.url}/app/moota-refunds`)
    const second = page.getByTestId("moota-refunds").locator("[data-testid^=moota-refund-]").filter({ hasText: "Rp10.000" })
    await second.getByText(words.id.order).waitFor(WAIT)
    await second.getByText(words.id.waiting).waitFor()
    await second.getByRole("button", { name: "Tandai terkirim" }).click()
    const dialogId = page.getByRole("alertdialog")
    await dialogId.getByText("Tandai refund Rp10.000 sebagai terkirim?").waitFor()
    await dialogId.getByRole("textbox").fill("Dikirim lewat OVO ke pembeli")
    const send = dialogId.getByRole("button", { name: "Tandai terkirim" })
    const sendBox = (await send.boundingBox())!
    expect(sendBox.x + sendBox.width).toBeLessThanOrEqual(390)
    await s.shot("refund-mark-sent-note-id-390")
    await send.click()
    await second.waitFor({ state: "detached", timeout: 60_000 })
    await page.getByText("Tidak ada refund yang menunggu dikirim.").waitFor()
    await page.getByRole("tab", { name: "Terkirim" }).click()
    const sentRow = page.getByTestId("moota-refunds").locator("[data-testid^=moota-refund-]").filter({ hasText: "Dikirim lewat OVO ke pembeli" })
    await sentRow.getByText("Ditandai terkirim").waitFor(WAIT)
    await sentRow.getByText("Rp10.000", { exact: true }).waitFor()
    await expectNoInternals("refunds sent id-390")
    await s.shot("refunds-sent-id-390")
    await language("en")
    await page.setViewportSize({ width: 1440, height: 1000 })
    mark("refunds to send")
  })

  describe("review queue, live (issue 14)", () => {
    const drawer = () => page.getByTestId("moota-review-drawer")

    it("shows a new transfer without a reload, and the open drawer follows a decision taken elsewhere", async () => {
      await page.setViewportSize({ width: 1280, height: 900 })
      const { session } = await placeMootaOrder(store)
      await page.goto(`${store.url}/app/moota-review`)
      await page.getByTestId("moota-review").waitFor(WAIT)
      await page.getByText(/Nothing to review\.|Received/).first().waitFor(WAIT)

      // The page is open; then the buyer's transfer with the wrong last digits arrives.
      const wrong: number = session.data.transfer_amount + 3
      const { mutation } = await store.transfer({ bank_id: "bcaSandbox01", amount: wrong })
      const row = page.getByRole("row").filter({ hasText: enAmount(wrong) })
      await row.waitFor({ timeout: 60_000 })
      mark("review row without reload")
      await s.shot("live-row-en-1280")

      await row.click()
      await drawer().getByRole("button", { name: "Dismiss" }).waitFor()
      const { review_items } = await store.adminApi("GET", `/admin/moota/review-items?status=open&q=${mutation.mutation_id}`)
      // Another admin settles it while this drawer is open.
      await store.adminApi("POST", `/admin/moota/review-items/${review_items[0].id}/dismiss`, { note: "Refunded to the buyer by phone" })
      const resolution = drawer().getByTestId("moota-review-resolution")
      await resolution.filter({ hasText: `Dismissed by ${store.admin.email}` }).waitFor({ timeout: 60_000 })
      await resolution.getByText("Note: Refunded to the buyer by phone").waitFor()
      await drawer().getByRole("button", { name: "Dismiss" }).waitFor({ state: "detached" })
      expect(await drawer().getByText("Unmatched", { exact: true }).count()).toBe(0)
      mark("drawer followed")
      await s.shot("live-drawer-resolved-en-1280", drawer())
      await page.keyboard.press("Escape")
    })

    it("marks paid orders, asks a reason for an order placed after the transfer, shows the difference, then the outcome", async () => {
      // Stamped two minutes ago by the bank: the order placed now cannot be what it paid.
      const { session, display_id } = await placeMootaOrder(store)
      const amount: number = session.data.transfer_amount + 5
      await store.transfer({ bank_id: "bcaSandbox01", amount, date: new Date(Date.now() - 2 * 60_000).toISOString() })
      await page.goto(`${store.url}/app/moota-review`)
      const row = page.getByRole("row").filter({ hasText: enAmount(amount) })
      await row.waitFor(WAIT)
      await page.getByRole("combobox", { name: "Reason" }).click()
      // Every reason is within the open list, the last one too.
      const last = page.getByRole("option").last()
      await last.waitFor()
      // The list opens with a zoom: measure both boxes in one frame, once it has settled.
      const { listBottom, lastBottom } = await page.getByRole("listbox").evaluate(async (list) => {
        await Promise.all(list.getAnimations({ subtree: true }).map((a) => a.finished))
        const options = list.querySelectorAll('[role="option"]')
        return {
          listBottom: list.getBoundingClientRect().bottom,
          lastBottom: options[options.length - 1].getBoundingClientRect().bottom,
        }
      })
      expect(lastBottom).toBeLessThanOrEqual(listBottom + 1)
      await s.shot("reason-filter-open-en-1280")
      await page.keyboard.press("Escape")

      await row.click()
      const later = drawer().getByTestId(`moota-candidate-${session.data.reservation_id}`).first()
      await later.getByText("Placed after the transfer arrived").waitFor()
      await drawer().getByText("Already paid").first().waitFor()
      expect(await later.getByRole("button", { name: "Match", exact: true }).count()).toBe(0)
      await s.shot("candidates-flagged-en-1280", drawer())
      await page.setViewportSize({ width: 390, height: 844 })
      await s.shot("candidates-flagged-en-390", drawer())
      await page.setViewportSize({ width: 1280, height: 900 })

      // Found by its number too, flagged the same way.
      await drawer().getByLabel("Find an order").fill(`#${display_id}`)
      const found = drawer().getByTestId(`moota-candidate-${session.data.reservation_id}`).nth(1)
      await found.getByText("Placed after the transfer arrived").waitFor()
      await found.getByRole("button", { name: "Match with a reason" }).click()
      const dialog = page.getByRole("alertdialog")
      await dialog.getByTestId("moota-match-compare").getByText(enAmount(5), { exact: true }).waitFor()
      await dialog.getByLabel("Note").fill("Buyer sent it before checking out")
      const confirm = dialog.getByRole("button", { name: "Match" })
      if (await confirm.isEnabled()) {
        throw new Error("a match of an order placed after the transfer must need a typed reason")
      }
      await dialog.getByLabel("Reason for the exception").fill("Same buyer, confirmed on WhatsApp")
      await s.shot("match-reason-en-1280")
      await confirm.click()
      // What stays on screen (the toast is gone after a few seconds): the drawer shows the outcome.
      await drawer().getByTestId("moota-review-resolution").filter({ hasText: `Matched to order #${display_id} by ${store.admin.email}` }).waitFor(WAIT)
      await drawer().getByText("Reason for the exception: Same buyer, confirmed on WhatsApp").waitFor()
      await s.shot("match-resolved-en-1280", drawer())
      await page.keyboard.press("Escape")

      // The same screens in Indonesian and on a phone.
      await page.setViewportSize({ width: 390, height: 844 })
      await s.shot("queue-en-390")
      await language("id")
      await page.goto(`${store.url}/app/moota-review`)
      await page.getByText("Antrean tinjauan Moota").waitFor(WAIT)
      await page.getByRole("combobox", { name: "Status" }).click()
      await page.getByRole("option", { name: "Semua" }).click()
      const settled = page.getByRole("row").filter({ hasText: `Rp${amount.toLocaleString("de-DE")}` })
      await settled.getByText("Semula: Tidak cocok").filter({ visible: true }).waitFor()
      await s.shot("queue-all-id-390")
      await settled.click()
      await drawer().getByTestId("moota-review-resolution").filter({ hasText: `Dicocokkan ke pesanan #${display_id}` }).waitFor()
      await s.shot("match-resolved-id-390", drawer())
      await page.keyboard.press("Escape")
      await page.setViewportSize({ width: 1280, height: 900 })
      await s.shot("queue-all-id-1280")
      await language("en")
    })
  })
})
