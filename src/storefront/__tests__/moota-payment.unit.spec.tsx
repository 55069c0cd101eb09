/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import jsQR from "jsqr"
import { PNG } from "pngjs"
import { MootaPayment } from "../moota-payment"
import { awaitingPayment, vaPayment } from "./fixtures"
import { advance, card, fakeApi, flush, NOW, withCardClock } from "./card-harness"

withCardClock()

describe("MootaPayment: awaiting", () => {
  it("shows the exact amount with its last three digits highlighted, the accounts, the deadline in WIB and the QRIS", async () => {
    const payment = awaitingPayment(NOW)
    render(<MootaPayment api={fakeApi()} initialPayment={payment} pollIntervalMs={0} />)
    await flush()

    expect(card().getAttribute("lang")).toBe("id")
    expect(card().getAttribute("data-moota-status")).toBe("awaiting")
    expect(screen.getByRole("heading", { level: 2, name: "Selesaikan pembayaran" })).toBeTruthy()
    expect(screen.getByTestId("moota-status").textContent).toBe("Menunggu pembayaran")

    const amount = screen.getByTestId("moota-amount")
    expect(amount.textContent).toBe("Rp165.123")
    expect(amount.querySelector("mark")?.textContent).toBe("123")
    // Screen readers get the amount whole, not split around the highlight.
    expect(screen.getByText("Rp165.123", { selector: "span:not([aria-hidden])" })).toBeTruthy()
    expect(screen.getByText(/Transfer tepat sampai 3 digit terakhir \(123\)/)).toBeTruthy()

    const accounts = screen.getAllByTestId("moota-account")
    expect(accounts.map((a) => a.textContent)).toEqual([
      expect.stringContaining("BCA"),
      expect.stringContaining("Mandiri"),
    ])
    expect(within(accounts[0]).getByText("1234567890")).toBeTruthy()
    expect(within(accounts[0]).getByText("Atas nama: TOKO CONTOH")).toBeTruthy()
    expect(within(accounts[1]).getByText("1370012345678")).toBeTruthy()

    expect(screen.getByTestId("moota-deadline").textContent).toBe(payment.expires_at_text.id)
    expect(payment.expires_at_text.id).toBe("26 November 2026 13.00 WIB")
    const timer = screen.getByRole("timer")
    expect(timer.textContent).toBe("02:00:00")
    expect(timer.getAttribute("aria-label")).toBe("2 jam")

    const qr = (await screen.findByRole("img", { name: "Kode QRIS untuk membayar Rp165.123" })) as HTMLImageElement
    expect(qr.src.startsWith("data:image/svg+xml")).toBe(true)
    expect(screen.getByRole("heading", { level: 3, name: "Atau bayar dengan QRIS" })).toBeTruthy()
  })

  it("speaks English when asked, every text included", async () => {
    const payment = awaitingPayment(NOW)
    render(<MootaPayment api={fakeApi()} initialPayment={payment} lang="en" pollIntervalMs={0} headingLevel={3} />)
    await flush()

    expect(card().getAttribute("lang")).toBe("en")
    expect(screen.getByRole("heading", { level: 3, name: "Complete your payment" })).toBeTruthy()
    expect(screen.getByTestId("moota-status").textContent).toBe("Awaiting payment")
    expect(screen.getByText("Amount to transfer")).toBeTruthy()
    expect(screen.getByText(/last 3 digits \(123\) included/)).toBeTruthy()
    expect(screen.getByRole("heading", { level: 4, name: "Transfer to one of these accounts" })).toBeTruthy()
    expect(screen.getAllByText("Account holder: TOKO CONTOH")).toHaveLength(3)
    expect(screen.getByTestId("moota-deadline").textContent).toBe("26 November 2026 13:00 WIB")
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("2 hours")
    expect(screen.getByRole("button", { name: "I have transferred" })).toBeTruthy()
    expect(screen.getByRole("button", { name: "Copy the transfer amount" })).toBeTruthy()
    expect(screen.getByRole("button", { name: "Copy BCA account number 1234567890" })).toBeTruthy()
    expect(await screen.findByRole("img", { name: "QRIS code to pay Rp165.123" })).toBeTruthy()
    expect(screen.queryByText(/Salin|Menunggu|Atas nama/)).toBeNull()
  })

  it("has a named native button for every action, so the keyboard reaches them all", async () => {
    render(<MootaPayment api={fakeApi()} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} />)
    await flush()
    const names = screen.getAllByRole("button").map((b) => b.getAttribute("aria-label") ?? b.textContent)
    expect(names).toEqual([
      "Salin jumlah transfer",
      "Salin nomor rekening BCA 1234567890",
      "Salin nomor rekening Mandiri 1370012345678",
      "Simpan QR",
      "Saya sudah transfer",
    ])
    for (const button of screen.getAllByRole("button")) {
      expect(button.tagName).toBe("BUTTON")
      expect(button.getAttribute("type")).toBe("button")
      button.focus()
      expect(document.activeElement).toBe(button)
    }
  })

  it("saves the QR as a PNG named with the order number, and tells a buyer on a phone to pay from the gallery (issue 26)", async () => {
    const saved: { href: string; download: string }[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download })
    })
    try {
      render(<MootaPayment api={fakeApi()} initialPayment={{ ...awaitingPayment(NOW), order_display_id: 12 }} lang="en" pollIntervalMs={0} />)
      await flush()
      // The PNG is encoded on real timers (setImmediate, zlib): wait in real time, not on the fake clock.
      jest.useRealTimers()
      fireEvent.click(await screen.findByRole("button", { name: "Save QR" }))
      await waitFor(() => expect(saved).toHaveLength(1), { timeout: 15_000 })
      expect(saved).toEqual([{ href: expect.stringMatching(/^data:image\/png;base64,/), download: "qris-order-12.png" }])
      const png = PNG.sync.read(Buffer.from(saved[0].href.split(",")[1], "base64"))
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(awaitingPayment(NOW).accounts.find((a) => a.qris_payload)?.qris_payload)
      expect(screen.getByText(/^Paying on this phone\? Save the QR, then open your banking or e-wallet app/)).toBeTruthy()
    } finally {
      click.mockRestore()
    }
  }, 20_000)
})

describe("MootaPayment: copy buttons", () => {
  it("copies the amount and the account numbers as digits, says so, then resets", async () => {
    const writeText = jest.fn(async () => undefined)
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true })
    render(<MootaPayment api={fakeApi()} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} />)
    await flush()

    fireEvent.click(screen.getByRole("button", { name: "Salin jumlah transfer" }))
    await flush()
    expect(writeText).toHaveBeenLastCalledWith("165123")
    expect(screen.getByRole("button", { name: "Salin jumlah transfer" }).textContent).toBe("Tersalin")
    expect(screen.getByText("Jumlah transfer disalin.")).toBeTruthy()

    fireEvent.click(screen.getByRole("button", { name: "Salin nomor rekening Mandiri 1370012345678" }))
    await flush()
    expect(writeText).toHaveBeenLastCalledWith("1370012345678")
    expect(screen.getByText("Nomor rekening Mandiri disalin.")).toBeTruthy()
    expect(screen.getByRole("button", { name: "Salin jumlah transfer" }).textContent).toBe("Salin")

    await advance(2000)
    expect(screen.getByRole("button", { name: "Salin nomor rekening Mandiri 1370012345678" }).textContent).toBe("Salin")
    Reflect.deleteProperty(navigator, "clipboard")
  })

  it("falls back to a selected textarea without the Clipboard API, and says when copying failed", async () => {
    const execCommand = jest.fn(() => true)
    Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true })
    render(<MootaPayment api={fakeApi()} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} lang="en" />)
    await flush()

    fireEvent.click(screen.getByRole("button", { name: "Copy BCA account number 1234567890" }))
    await flush()
    expect(execCommand).toHaveBeenCalledWith("copy")
    expect(screen.getByText("BCA account number copied.")).toBeTruthy()
    expect(document.querySelector("textarea")).toBeNull()

    execCommand.mockReturnValue(false)
    fireEvent.click(screen.getByRole("button", { name: "Copy the transfer amount" }))
    await flush()
    expect(screen.getByText("Could not copy. Select the text and copy it yourself.")).toBeTruthy()
    Reflect.deleteProperty(document, "execCommand")
  })
})

describe("MootaPayment: a VA number or QR of the order's own", () => {
  it("shows the VA number with its bank, holder and copy button, the exact amount and the deadline", async () => {
    const writeText = jest.fn(async () => undefined)
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true })
    // An API that takes payment confirmations: the card still offers none for a VA of the order's own.
    const api = { ...fakeApi(), claim: jest.fn() }
    render(<MootaPayment api={api} initialPayment={vaPayment(NOW)} pollIntervalMs={0} />)
    await flush()

    const [account] = screen.getAllByTestId("moota-account")
    expect(within(account).getByText("BCA Virtual Account")).toBeTruthy()
    expect(within(account).getByText("Nomor virtual account")).toBeTruthy()
    expect(within(account).getByText("8808 1234 5678 9012")).toBeTruthy()
    expect(within(account).getByText("Nomor ini khusus untuk pesanan ini.")).toBeTruthy()
    expect(within(account).getByText(/TOKO CONTOH/)).toBeTruthy()
    expect(screen.getByTestId("moota-amount").textContent).toBe("Rp165.000")
    expect(screen.getByText("Bayar tepat sejumlah ini agar pembayaran terkonfirmasi otomatis.")).toBeTruthy()
    expect(screen.getByTestId("moota-deadline").textContent).toBe("26 November 2026 13.00 WIB")
    expect(screen.queryByText(/3 digit terakhir/)).toBeNull()
    expect(screen.getByTestId("moota-payment-url").getAttribute("href")).toBe("https://app.moota.co/payment/TRX01TEST")

    expect(screen.getByRole("heading", { name: "Bayar ke nomor virtual account ini" })).toBeTruthy()
    expect(screen.getByTestId("moota-amount").querySelector("mark")).toBeNull()
    expect(screen.getByRole("button", { name: "Saya sudah bayar" })).toBeTruthy()
    expect(screen.queryByRole("button", { name: "Konfirmasi pembayaran" })).toBeNull()
    fireEvent.click(screen.getByRole("button", { name: "Salin nomor BCA Virtual Account 8808 1234 5678 9012" }))
    await flush()
    expect(writeText).toHaveBeenLastCalledWith("8808123456789012")
    expect(screen.getByText("Nomor BCA Virtual Account disalin.")).toBeTruthy()
    Reflect.deleteProperty(navigator, "clipboard")
  })

  it("offers a payment confirmation on a unique-code transfer (the contrast to a VA of its own)", async () => {
    render(<MootaPayment api={{ ...fakeApi(), claim: jest.fn() }} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} />)
    await flush()
    expect(screen.getByRole("button", { name: "Konfirmasi pembayaran" })).toBeTruthy()
  })

  it("asks for a payment confirmation, in words, while a transfer that may be another buyer's is with the store", async () => {
    const api = { ...fakeApi(), claim: jest.fn() }
    const { rerender } = render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW, { ask_claim: true })} pollIntervalMs={0} />)
    expect(screen.getByTestId("moota-claim-prompt").textContent).toMatch(/^Sudah transfer tapi belum terkonfirmasi\? Kirim konfirmasi pembayaran/)
    // The card stays the plain awaiting card: nothing says the money arrived.
    expect(card().getAttribute("data-moota-status")).toBe("awaiting")
    expect(screen.queryByTestId("moota-review")).toBeNull()
    expect(screen.getByRole("button", { name: "Saya sudah transfer" })).toBeTruthy()
    rerender(<MootaPayment api={api} lang="en" initialPayment={awaitingPayment(NOW, { ask_claim: true })} pollIntervalMs={0} />)
    expect(screen.getByTestId("moota-claim-prompt").textContent).toMatch(/^Transferred but not confirmed yet\? Send a payment confirmation/)
  })

  it("does not ask when there is no such transfer, or once the buyer sent a confirmation", async () => {
    const claim = { id: "mclm_1", amount: 165_000, amount_formatted: "Rp165.000", bank: "BCA", sender_name: "Budi", transferred_at: new Date(NOW).toISOString(), has_proof: false, created_at: new Date(NOW).toISOString() }
    const api = { ...fakeApi(), claim: jest.fn() }
    const { unmount } = render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} />)
    expect(screen.queryByTestId("moota-claim-prompt")).toBeNull()
    unmount()
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW, { ask_claim: true, claim })} pollIntervalMs={0} />)
    expect(screen.queryByTestId("moota-claim-prompt")).toBeNull()
  })

  it("shows Moota's QR image in English, as the only way to pay", async () => {
    render(<MootaPayment api={fakeApi()} initialPayment={vaPayment(NOW, "moota_qris")} pollIntervalMs={0} lang="en" />)
    await flush()

    expect(screen.getByRole("heading", { name: "Pay with QRIS" })).toBeTruthy()
    // Nothing to transfer by hand: the amount is what the QR asks.
    expect(screen.getByText("Amount to pay")).toBeTruthy()
    expect(screen.queryByText("Amount to transfer")).toBeNull()
    expect(screen.getByTestId("moota-qris-image").getAttribute("src")).toBe("https://app.moota.co/qr/TRX01TEST.png")
    expect(screen.getByRole("img", { name: /Rp165\.000/ })).toBeTruthy()
    expect(screen.queryAllByTestId("moota-account")).toHaveLength(0)
    expect(screen.getByText("Pay exactly this amount so the payment is confirmed automatically.")).toBeTruthy()
  })
})

describe("MootaPayment: countdown", () => {
  it("ticks every second and turns the card to expired when the deadline passes", async () => {
    render(<MootaPayment api={fakeApi()} initialPayment={awaitingPayment(NOW, {}, 1)} pollIntervalMs={0} />)
    await flush()
    expect(screen.getByRole("timer").textContent).toBe("00:01:00")

    await advance(1000)
    expect(screen.getByRole("timer").textContent).toBe("00:00:59")
    expect(screen.getByRole("timer").getAttribute("aria-label")).toBe("59 detik")

    await advance(59_000)
    expect(card().getAttribute("data-moota-status")).toBe("expired")
    expect(screen.getByRole("heading", { name: "Batas waktu pembayaran lewat" })).toBeTruthy()
    expect(screen.getByText(/Jangan transfer untuk pesanan ini lagi/)).toBeTruthy()
    expect(screen.queryByTestId("moota-account")).toBeNull()
    expect(screen.queryByRole("button")).toBeNull()
    expect(screen.queryByRole("img")).toBeNull()
  })

  it("shows days for long payment windows", async () => {
    render(<MootaPayment api={fakeApi()} initialPayment={awaitingPayment(NOW, {}, 3 * 24 * 60)} pollIntervalMs={0} lang="en" />)
    await flush()
    expect(screen.getByRole("timer").textContent).toBe("3 days 00:00:00")
  })
})
