import { act, screen } from "@testing-library/react"
import type { MootaPaymentApi } from "../api"
import type { MootaBuyerPayment, MootaCheckAnswer } from "../types"

/** The storefront card's specs' harness: a scripted API, a fixed clock, and React's act around time. */

export const NOW = Date.UTC(2026, 10, 26, 4, 0, 0) // 11.00 WIB

export type FakeApi = MootaPaymentApi & { get: jest.Mock; check: jest.Mock }

export function fakeApi(answers: { get?: (MootaBuyerPayment | Error)[]; check?: (MootaCheckAnswer | Error)[] } = {}): FakeApi {
  const next = <T,>(list: (T | Error)[] | undefined, what: string) => async () => {
    const answer = list?.length ? (list.length > 1 ? list.shift()! : list[0]) : undefined
    if (answer === undefined) throw new Error(`unexpected ${what}`)
    if (answer instanceof Error) throw answer
    return answer
  }
  return { get: jest.fn(next(answers.get, "get")), check: jest.fn(next(answers.check, "check")) }
}

/** Lets pending promises (fetches, QR drawing) settle inside React's act. */
export async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve()
  })
}

export async function advance(ms: number): Promise<void> {
  await act(async () => {
    jest.advanceTimersByTime(ms)
  })
  await flush()
}

export function card(): HTMLElement {
  return screen.getByRole("region")
}

/** Every test of the card runs on fake timers from NOW (11.00 WIB); call at the top of a spec. */
export function withCardClock(): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW })
  })
  afterEach(() => {
    jest.useRealTimers()
  })
}
