/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react"
import jsQR from "jsqr"
import { PNG } from "pngjs"
import { MootaPaymentApiError, type MootaPaymentApi } from "../api"
import { MootaPayment } from "../moota-payment"
import type { MootaBuyerPayment, MootaCheckAnswer } from "../types"
import { awaitingPayment, paidPayment, vaPayment } from "./fixtures"

const NOW = Date.UTC(2026, 10, 26, 4, 0, 0) // 11.00 WIB

type FakeApi = MootaPaymentApi & { get: jest.Mock; check: jest.Mock }

function fakeApi(answers: { get?: (MootaBuyerPayment | Error)[]; check?: (MootaCheckAnswer | Error)[] } = {}): FakeApi {
  const next = <T,>(list: (T | Error)[] | undefined, what: string) => async () => {
    const answer = list?.length ? (list.length > 1 ? list.shift()! : list[0]) : undefined
    if (answer === undefined) throw new Error(`unexpected ${what}`)
    if (answer instanceof Error) throw answer
    return answer
  }
  return { get: jest.fn(next(answers.get, "get")), check: jest.fn(next(answers.check, "check")) }
}

/** Lets pending promises (fetches, QR drawing) settle inside React's act. */
async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve()
  })
}

async function advance(ms: number): Promise<void> {
  await act(async () => {
    jest.advanceTimersByTime(ms)
  })
  await flush()
}

function card(): HTMLElement {
  return screen.getByRole("region")
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW })
})

afterEach(() => {
  jest.useRealTimers()
})

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

describe("MootaPayment: polling", () => {
  it("polls while awaiting and turns the card to Paid without a reload, then stops polling", async () => {
    const awaiting = awaitingPayment(NOW)
    const api = fakeApi({ get: [awaiting, paidPayment(NOW + 10_000)] })
    const onStatusChange = jest.fn()
    render(<MootaPayment api={api} initialPayment={awaiting} onStatusChange={onStatusChange} />)
    await flush()
    expect(api.get).not.toHaveBeenCalled()

    await advance(5000)
    expect(api.get).toHaveBeenCalledTimes(1)
    expect(card().getAttribute("data-moota-status")).toBe("awaiting")

    await advance(5000)
    expect(api.get).toHaveBeenCalledTimes(2)
    expect(card().getAttribute("data-moota-status")).toBe("paid")
    expect(screen.getByRole("heading", { name: "Pembayaran diterima" })).toBeTruthy()
    expect(screen.getByTestId("moota-status").textContent).toBe("Lunas")
    expect(screen.getByText("Jumlah dibayar")).toBeTruthy()
    expect(screen.getByText("Kami telah menerima Rp165.123 pada 26 November 2026 11.00 WIB. Terima kasih!")).toBeTruthy()
    expect(screen.getAllByText("Pembayaran diterima")).toHaveLength(2) // heading + the live announcement
    expect(screen.queryByRole("button")).toBeNull()
    expect(screen.queryByRole("timer")).toBeNull()
    expect(onStatusChange).toHaveBeenCalledTimes(1)
    expect(onStatusChange.mock.calls[0][0]).toMatchObject({ status: "paid" })

    await advance(60_000)
    expect(api.get).toHaveBeenCalledTimes(2)
  })

  it("shows canceled when the store says the order was canceled", async () => {
    const api = fakeApi({ get: [awaitingPayment(NOW, { status: "canceled" })] })
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} lang="en" />)
    await advance(5000)
    expect(card().getAttribute("data-moota-status")).toBe("canceled")
    expect(screen.getByRole("heading", { name: "Payment canceled" })).toBeTruthy()
    expect(screen.getByText(/This order was canceled; please do not transfer/)).toBeTruthy()
  })

  it("backs off while the store is unreachable, says so, and recovers", async () => {
    const awaiting = awaitingPayment(NOW)
    const api = fakeApi({ get: [new MootaPaymentApiError("down", 0), new MootaPaymentApiError("down", 0), awaiting] })
    render(<MootaPayment api={api} initialPayment={awaiting} lang="en" />)
    await advance(5000)
    expect(api.get).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId("moota-check-note").textContent).toBe("Connection lost; retrying…")

    await advance(9_999) // 2 × 5 s after one failure
    expect(api.get).toHaveBeenCalledTimes(1)
    await advance(1)
    expect(api.get).toHaveBeenCalledTimes(2)

    await advance(20_000) // 4 × 5 s after two
    expect(api.get).toHaveBeenCalledTimes(3)
    expect(screen.getByTestId("moota-check-note").textContent).toBe("")
  })

  it("asks at once when the buyer comes back to the tab", async () => {
    const awaiting = awaitingPayment(NOW)
    const api = fakeApi({ get: [paidPayment(NOW)] })
    render(<MootaPayment api={api} initialPayment={awaiting} />)
    await flush()
    Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true })
    await act(async () => {
      document.dispatchEvent(new Event("visibilitychange"))
    })
    await flush()
    expect(api.get).toHaveBeenCalledTimes(1)
    expect(card().getAttribute("data-moota-status")).toBe("paid")
    Reflect.deleteProperty(document, "visibilityState")
  })

  it("loads the payment itself when given none, and offers a retry when that fails", async () => {
    const api = fakeApi({ get: [new MootaPaymentApiError("Cart cart_1 not found", 404), awaitingPayment(NOW)] })
    render(<MootaPayment api={api} pollIntervalMs={0} lang="en" />)
    expect(screen.getByRole("status").textContent).toBe("Loading the payment instructions…")
    await flush()
    expect(screen.getByRole("status").textContent).toBe("The payment instructions could not be loaded.")

    fireEvent.click(screen.getByRole("button", { name: "Try again" }))
    await flush()
    expect(card().getAttribute("data-moota-status")).toBe("awaiting")
    expect(screen.getByTestId("moota-amount").textContent).toBe("Rp165.123")
  })
})

describe("MootaPayment: I have transferred", () => {
  it("checks now, says the transfer has not arrived yet, and keeps waiting", async () => {
    let release!: () => void
    const awaiting = awaitingPayment(NOW)
    const api = fakeApi()
    api.check.mockImplementation(
      () =>
        new Promise<MootaCheckAnswer>((resolve) => {
          release = () => resolve({ payment: awaiting, check: { refreshed: ["bcaSandbox01"], throttled: [] } })
        })
    )
    render(<MootaPayment api={api} initialPayment={awaiting} pollIntervalMs={0} />)
    await flush()

    fireEvent.click(screen.getByRole("button", { name: "Saya sudah transfer" }))
    await flush()
    const busy = screen.getByRole("button", { name: "Mengecek…" })
    expect((busy as HTMLButtonElement).disabled).toBe(true)

    await act(async () => release())
    await flush()
    expect(api.check).toHaveBeenCalledTimes(1)
    expect((screen.getByRole("button", { name: "Saya sudah transfer" }) as HTMLButtonElement).disabled).toBe(false)
    expect(screen.getByTestId("moota-check-note").textContent).toMatch(/^Transfer Anda belum kami terima/)
  })

  it("turns the card to Paid when the check finds the transfer", async () => {
    const api = fakeApi({ check: [{ payment: paidPayment(NOW), check: { refreshed: [], throttled: ["bcaSandbox01"] } }] })
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} lang="en" />)
    await flush()
    fireEvent.click(screen.getByRole("button", { name: "I have transferred" }))
    await flush()
    expect(card().getAttribute("data-moota-status")).toBe("paid")
    expect(screen.getByRole("heading", { name: "Payment received" })).toBeTruthy()
  })

  it("says when the check failed", async () => {
    const api = fakeApi({ check: [new MootaPaymentApiError("boom", 500)] })
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} lang="en" />)
    await flush()
    fireEvent.click(screen.getByRole("button", { name: "I have transferred" }))
    await flush()
    expect(screen.getByTestId("moota-check-note").textContent).toBe("The check failed. Please try again shortly.")
  })
})

describe("MootaPayment: a transfer the store is checking", () => {
  const checking = (now: number, over: Partial<MootaBuyerPayment> = {}) =>
    awaitingPayment(now, {
      review: { state: "checking", amount: 165_000, amount_formatted: "Rp165.000", received_at: new Date(now - 60_000).toISOString() },
      ...over,
    })

  it("says the money arrived and the store is checking it, instead of asking to pay or 'not received yet'", async () => {
    const api = fakeApi({ check: [{ payment: checking(NOW), check: { refreshed: [], throttled: [] } }] })
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} />)
    await flush()
    fireEvent.click(screen.getByRole("button", { name: "Saya sudah transfer" }))
    await flush()

    expect(card().getAttribute("data-moota-review")).toBe("checking")
    expect(screen.getByRole("heading", { name: "Transfer Anda sedang diperiksa" })).toBeTruthy()
    expect(screen.getByTestId("moota-review").textContent).toContain("Kami menerima Rp165.000")
    expect(screen.getByTestId("moota-review").textContent).toContain("toko sedang memeriksanya")
    expect(screen.queryByRole("button", { name: "Saya sudah transfer" })).toBeNull()
    expect(screen.queryByTestId("moota-amount")).toBeNull()
    expect(screen.queryByText(/belum kami terima/)).toBeNull()
  })

  it("keeps polling past the deadline while the store checks, and turns Paid when it matches", async () => {
    const expiredButChecking = checking(NOW, { status: "expired" })
    const api = fakeApi({ get: [expiredButChecking, paidPayment(NOW)] })
    render(<MootaPayment api={api} initialPayment={expiredButChecking} pollIntervalMs={1000} lang="en" />)
    await flush()
    expect(screen.getByRole("heading", { name: "Your transfer is being checked" })).toBeTruthy()
    await advance(1000)
    await advance(1000)
    expect(card().getAttribute("data-moota-status")).toBe("paid")
    expect(screen.queryByTestId("moota-review")).toBeNull()
  })

  it("says plainly when the store did not match it: the order still awaits and the store will contact the buyer", async () => {
    const payment = awaitingPayment(NOW, {
      review: { state: "not_matched", amount: 165_000, amount_formatted: "Rp165.000", received_at: new Date(NOW).toISOString() },
    })
    render(<MootaPayment api={fakeApi()} initialPayment={payment} pollIntervalMs={0} lang="en" />)
    await flush()
    expect(screen.getByTestId("moota-review").textContent).toContain("did not match it to this order")
    expect(screen.getByTestId("moota-review").textContent).toContain("the store will contact you")
    expect(screen.getByRole("button", { name: "I have transferred" })).toBeTruthy()
  })

  it("says one thing after the store dismissed a transfer the buyer reported: no 'send a confirmation', no 'will check' (issue 26)", async () => {
    const at = new Date(NOW).toISOString()
    const payment = awaitingPayment(NOW, {
      review: { state: "not_matched", amount: 164_243, amount_formatted: "Rp164.243", received_at: at },
      claim: { id: "mclm_1", amount: 164_243, amount_formatted: "Rp164.243", bank: "BCA", sender_name: "Budi", transferred_at: at, has_proof: false, created_at: at },
    })
    render(<MootaPayment api={{ ...fakeApi(), claim: jest.fn() }} initialPayment={payment} pollIntervalMs={0} />)
    await flush()
    const words = card().textContent ?? ""
    expect(screen.getByTestId("moota-review").textContent).toBe(
      "Toko sudah memeriksa transfer Rp164.243 yang Anda laporkan dan tidak mencocokkannya dengan pesanan ini. Pesanan ini masih menunggu pembayaran; toko akan menghubungi Anda."
    )
    expect(screen.getByTestId("moota-claim").textContent).toMatch(/^Konfirmasi Anda: Rp164\.243 dari BCA a\.n\. Budi \(/)
    expect(words).not.toContain("Toko akan memeriksanya")
    expect(words).not.toContain("kirim konfirmasi pembayaran")
  })
})

describe("MootaPayment: payment confirmation", () => {
  it("sends what the buyer typed and shows the confirmation; a 429 is said in words", async () => {
    const claim = {
      id: "mclm_1",
      amount: 165_000,
      amount_formatted: "Rp165.000",
      bank: "BCA",
      sender_name: "Budi",
      transferred_at: new Date(NOW).toISOString(),
      has_proof: false,
      created_at: new Date(NOW).toISOString(),
    }
    const claimFn = jest
      .fn()
      .mockRejectedValueOnce(new MootaPaymentApiError("At most 5", 429))
      .mockResolvedValueOnce({ claim, payment: awaitingPayment(NOW, { claim }) })
    const api = { ...fakeApi(), claim: claimFn }
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} pollIntervalMs={0} lang="en" />)
    await flush()
    fireEvent.click(screen.getByRole("button", { name: "Confirm your payment" }))
    const form = screen.getByTestId("moota-claim-form")
    fireEvent.change(within(form).getByLabelText("Amount transferred (Rp)"), { target: { value: "165.000" } })
    fireEvent.change(within(form).getByLabelText("Sending bank"), { target: { value: "BCA" } })
    fireEvent.change(within(form).getByLabelText("Name on the sending account"), { target: { value: "Budi" } })
    fireEvent.click(within(form).getByRole("button", { name: "Send confirmation" }))
    await flush()
    expect(screen.getByTestId("moota-claim-error").textContent).toMatch(/^Too many confirmations/)

    fireEvent.click(within(form).getByRole("button", { name: "Send confirmation" }))
    await flush()
    expect(claimFn).toHaveBeenLastCalledWith(expect.objectContaining({ amount: 165_000, bank: "BCA", sender_name: "Budi", proof: null }))
    expect(screen.queryByTestId("moota-claim-form")).toBeNull()
    expect(screen.getByTestId("moota-claim").textContent).toMatch(/^Confirmation sent: Rp165\.000 from BCA, Budi/)
  })
})

describe("MootaPayment: paid by a transfer the merchant matched", () => {
  it("shows as the amount paid what arrived, not the amount that was asked", async () => {
    const payment = awaitingPayment(NOW, { status: "paid", paid_at: new Date(NOW).toISOString(), received_amount: 165_000 })
    render(<MootaPayment api={fakeApi()} initialPayment={payment} pollIntervalMs={0} lang="en" />)
    await flush()
    expect(screen.getByTestId("moota-amount").textContent).toBe("Rp165.000")
    expect(card().textContent).toContain("We received Rp165.000")
    // What arrived has no unique code: nothing is highlighted as one (issue 26).
    expect(screen.getByTestId("moota-amount").querySelector("mark")).toBeNull()
  })
})

describe("MootaPayment: an order's later payments", () => {
  it("names an additional payment and says what remains after it when the order grew", async () => {
    const payment = awaitingPayment(NOW, { purpose: "additional", order_display_id: 12, outstanding: 315_000 })
    render(<MootaPayment api={fakeApi()} initialPayment={payment} pollIntervalMs={0} lang="en" />)
    await flush()
    expect(screen.getByTestId("moota-additional").textContent).toBe("Additional payment for order #12")
    expect(screen.getByTestId("moota-remains").textContent).toContain(`Rp${(315_000 - payment.order_total).toLocaleString("id-ID")}`)
  })

  it("says nothing more while the order owes exactly this payment", async () => {
    const payment = awaitingPayment(NOW, { purpose: "order", order_display_id: 12, outstanding: 165_000 })
    render(<MootaPayment api={fakeApi()} initialPayment={payment} pollIntervalMs={0} lang="id" />)
    await flush()
    expect(screen.queryByTestId("moota-additional")).toBeNull()
    expect(screen.queryByTestId("moota-remains")).toBeNull()
  })

  it("shows a canceled paid order as canceled, with its refund and whether it was sent", async () => {
    const refund = { amount: 165_000, amount_formatted: "Rp165.000", created_at: new Date(NOW).toISOString(), status: "to_send" as const, sent_at: null }
    const payment = awaitingPayment(NOW, { status: "canceled", refunds: [refund] })
    render(<MootaPayment api={fakeApi()} initialPayment={payment} pollIntervalMs={0} lang="id" />)
    await flush()
    expect(screen.getByTestId("moota-status").textContent).toBe("Dibatalkan")
    expect(screen.getByTestId("moota-refund").textContent).toBe("Refund Rp165.000 akan dikirim toko ke rekening Anda.")
    expect(card().textContent).not.toContain("Lunas")
  })
})
