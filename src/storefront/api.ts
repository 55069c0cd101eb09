import type { MootaBuyerPayment, MootaCheckAnswer, MootaClaimAnswer, MootaClaimInput } from "./types"
import { errorMessage } from "../lib/error-message"

/** How to reach the Medusa store API. */
export type MootaStoreConfig = {
  /** The Medusa backend, e.g. "https://api.toko.co.id" (no trailing /store). */
  baseUrl: string
  /** A publishable API key of the sales channel the cart or order belongs to. */
  publishableKey: string
  /** Extra headers, e.g. `authorization: Bearer <customer token>` for a signed-in customer. */
  headers?: Record<string, string>
  /** "include" sends the customer's session cookie cross-origin (the store's CORS must allow it). */
  credentials?: RequestCredentials
  /** Your own fetch (tests, or a server-side wrapper). */
  fetch?: typeof fetch
}

/**
 * Which payment: a cart's (its id is enough, as for Medusa's own cart routes), an order's (its id
 * plus the buyer's email, unless the request carries the signed-in customer who placed it), or one
 * payment collection of an order (the payment link Medusa's admin copies,
 * `/payment-collection/<paymentCollectionId>?order_id=<orderId>`, with the same access rule as the order).
 */
export type MootaPaymentRef =
  | { cartId: string }
  | { orderId: string; email?: string }
  | { paymentCollectionId: string; orderId: string; email?: string }

/** What the component needs: read the payment, and the "I have transferred" check. */
export interface MootaPaymentApi {
  get(signal?: AbortSignal): Promise<MootaBuyerPayment>
  check(signal?: AbortSignal): Promise<MootaCheckAnswer>
  /** "Konfirmasi pembayaran": report a transfer (orders only; the card shows its form when present). */
  claim?(input: MootaClaimInput, signal?: AbortSignal): Promise<MootaClaimAnswer>
}

export class MootaPaymentApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number
  ) {
    super(message)
    this.name = "MootaPaymentApiError"
  }
}

/** A `MootaPaymentApi` over plain fetch against `/store/moota/payments/...`. */
export function mootaPaymentApi(config: MootaStoreConfig & MootaPaymentRef): MootaPaymentApi {
  const base = `${config.baseUrl.replace(/\/+$/, "")}/store/moota/payments`
  const byOrder = "orderId" in config
  const collectionId = "paymentCollectionId" in config ? config.paymentCollectionId : undefined
  const orderPath = byOrder ? `${base}/order/${encodeURIComponent(config.orderId)}` : null
  const path = collectionId
    ? `${base}/collection/${encodeURIComponent(collectionId)}`
    : orderPath ?? `${base}/cart/${encodeURIComponent((config as { cartId: string }).cartId)}`
  const email = byOrder ? config.email : undefined
  // A payment link names its order in the query and the body, beside the email.
  const who = { ...(collectionId && byOrder ? { order_id: config.orderId } : {}), ...(email ? { email } : {}) }
  const query = new URLSearchParams(who).toString()

  async function call<T>(url: string, init: RequestInit): Promise<T> {
    const doFetch = config.fetch ?? fetch
    let res: Response
    try {
      res = await doFetch(url, {
        ...init,
        credentials: config.credentials,
        headers: {
          accept: "application/json",
          "x-publishable-api-key": config.publishableKey,
          ...(init.body ? { "content-type": "application/json" } : {}),
          ...config.headers,
        },
      })
    } catch (e) {
      if ((e as { name?: string })?.name === "AbortError") throw e
      throw new MootaPaymentApiError(`The store could not be reached: ${errorMessage(e)}`, 0)
    }
    const body = (await res.json().catch(() => null)) as { message?: unknown } | null
    if (!res.ok) {
      const message = typeof body?.message === "string" ? body.message : `The store answered ${res.status}`
      throw new MootaPaymentApiError(message, res.status)
    }
    return body as T
  }

  return {
    async get(signal) {
      const url = query ? `${path}?${query}` : path
      return (await call<{ payment: MootaBuyerPayment }>(url, { method: "GET", signal })).payment
    },
    async check(signal) {
      return await call<MootaCheckAnswer>(`${path}/check`, {
        method: "POST",
        body: JSON.stringify(who),
        signal,
      })
    },
    ...(byOrder
      ? {
          async claim(input: MootaClaimInput, signal?: AbortSignal) {
            // A claim is the order's: on a payment link it reports the transfer the order awaits.
            return await call<MootaClaimAnswer>(`${orderPath}/claims`, {
              method: "POST",
              body: JSON.stringify(email ? { ...input, email } : input),
              signal,
            })
          },
        }
      : {}),
  }
}
