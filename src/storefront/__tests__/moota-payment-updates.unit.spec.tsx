/** @jest-environment jsdom */
import { act, fireEvent, render, screen, within } from "@testing-library/react"
import { MootaPaymentApiError } from "../api"
import { MootaPayment } from "../moota-payment"
import type { MootaBuyerPayment, MootaCheckAnswer } from "../types"
import { awaitingPayment, paidPayment } from "./fixtures"
import { advance, card, fakeApi, flush, NOW, withCardClock } from "./card-harness"

withCardClock()

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

  it("keeps polling a payment received while the order still owes more, and asks the rest when the store does", async () => {
    const received = paidPayment(NOW + 10_000, { outstanding: 150_000 })
    const rest = awaitingPayment(NOW + 20_000, { purpose: "additional", order_display_id: 12, order_total: 150_000, transfer_amount: 150_321, outstanding: 150_000 })
    const api = fakeApi({ get: [received, rest] })
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} lang="en" />)
    await advance(5000)
    expect(card().getAttribute("data-moota-status")).toBe("paid")
    // Received, and told plainly that the rest is coming: not "paid in full", not "pay again".
    expect(screen.getByTestId("moota-status").textContent).toBe("Received")
    expect(screen.getByTestId("moota-rest-follows").textContent).toBe(
      "This order still owes Rp150.000. Its payment instructions will show here in a moment; please do not transfer again before then."
    )
    await advance(5000)
    expect(api.get).toHaveBeenCalledTimes(2)
    expect(card().getAttribute("data-moota-status")).toBe("awaiting")
    expect(screen.getByTestId("moota-additional").textContent).toContain("#12")
    expect(screen.queryByTestId("moota-rest-follows")).toBeNull()
  })

  it("stops polling once paid with nothing owed, and says nothing about a rest", async () => {
    const api = fakeApi({ get: [paidPayment(NOW + 10_000, { outstanding: 0 })] })
    render(<MootaPayment api={api} initialPayment={awaitingPayment(NOW)} />)
    await advance(5000)
    expect(card().getAttribute("data-moota-status")).toBe("paid")
    expect(screen.getByTestId("moota-status").textContent).toBe("Lunas")
    expect(screen.queryByTestId("moota-rest-follows")).toBeNull()
    await advance(60_000)
    expect(api.get).toHaveBeenCalledTimes(1)
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
