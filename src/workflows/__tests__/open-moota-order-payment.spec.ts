import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { mootaHttpSuite } from "../../../integration-tests/helpers/suite"
import { BUYER_ADDRESS, convertedDraftOrder } from "../../../test-kit"
import { MOOTA_PROVIDER_ID } from "../../providers/moota/constants"
import { openMootaOrderPaymentWorkflow } from "../open-moota-order-payment"

jest.setTimeout(240_000)

/**
 * openMootaOrderPaymentWorkflow on its own, on a converted draft order (nothing paid, no collection):
 * one run per order at a time, idempotent while a payment is open, and a failed run leaves the order as
 * it found it (the collection Medusa's workflow created is removed by its compensation).
 */
mootaHttpSuite({ transactions: true }, ({ store, container }) => {
  const collectionsOf = async (orderId: string) => {
    const { data } = await container()
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({
        entity: "order",
        fields: ["id", "payment_collections.id", "payment_collections.amount", "payment_collections.payment_sessions.provider_id"],
        filters: { id: orderId },
      })
    return ((data[0] as any).payment_collections ?? []).filter(Boolean) as any[]
  }

  it("opens one collection and one Moota session however many runs race for the same order", async () => {
    const order = await convertedDraftOrder(store)
    const runs = await Promise.all(
      [0, 1, 2].map(() => openMootaOrderPaymentWorkflow(container()).run({ input: { order_id: order.id } }).then((r) => r.result))
    )
    expect(new Set(runs.map((r) => r.session_id)).size).toBe(1)
    expect(new Set(runs.map((r) => r.payment_collection_id)).size).toBe(1)
    expect(runs.filter((r) => r.created)).toHaveLength(1)
    const collections = await collectionsOf(order.id)
    expect(collections.map((c) => Number(c.amount))).toEqual([Number(order.total)])
    expect(collections[0].payment_sessions.filter((s: any) => s?.provider_id === MOOTA_PROVIDER_ID)).toHaveLength(1)
  })

  it("a run that fails leaves no collection behind and releases the order for the next run", async () => {
    // A Moota VA needs the buyer's phone: this order has none, so Moota's transaction is refused after
    // Medusa's workflow created the collection.
    const order = await convertedDraftOrder(store, { email: "budi@example.com", address: { ...BUYER_ADDRESS, phone: "" } })
    const failed = await openMootaOrderPaymentWorkflow(container()).run({
      input: { order_id: order.id, data: { bank_id: "vaBcaSandbx1" } },
      throwOnError: false,
    })
    expect(failed.errors.map((e: any) => e.error?.code)).toContain("moota_phone")
    expect(await collectionsOf(order.id)).toEqual([])
    // The lock was released: the next run (the merchant tries again) opens the payment.
    const { result } = await openMootaOrderPaymentWorkflow(container()).run({ input: { order_id: order.id } })
    expect(result.created).toBe(true)
    expect((await collectionsOf(order.id)).map((c) => c.id)).toEqual([result.payment_collection_id])
  })

  it("refuses an order that does not exist, and the order it did open stays as it was", async () => {
    const order = await convertedDraftOrder(store)
    const { result } = await openMootaOrderPaymentWorkflow(container()).run({ input: { order_id: order.id } })
    const missing = await openMootaOrderPaymentWorkflow(container()).run({ input: { order_id: "order_missing" }, throwOnError: false })
    expect(missing.errors.map((e: any) => e.error?.type)).toContain("not_found")
    expect((await collectionsOf(order.id)).map((c) => c.id)).toEqual([result.payment_collection_id])
  })
})
