import { reconcileMootaMutations } from "../../src/jobs/moota-reconcile"
import { writeBackMootaTags } from "../../src/jobs/moota-write-back"
import { eventually } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { orderMoney, placeMootaOrder } from "../../test-kit"

/**
 * Issue 23 (6): a least-privilege Moota token. The sandbox issues tokens limited to some scopes and
 * answers 403 to a call they do not cover, as Moota does; the settings answer says, per feature, what
 * the token may do, and the features the token allows keep working.
 */
jest.setTimeout(180_000)

mootaHttpSuite({}, ({ store, moota, sandbox, admin, container, withOptions }) => {
  const setup = async () => (await admin("get", "/admin/moota/setup")).data
  const paid = (orderId: string) =>
    eventually(async () => {
      const p = await orderMoney(store, orderId)
      return p.payment_status === "captured" ? p : null
    }, 60_000)

  it("a read-only token reconciles and lists accounts; write-back is reported off for the missing write scope", async () => {
    const token = sandbox().issueToken(["bank_read", "mutation_read"])
    await withOptions(
      (o) => (o.apiToken = token),
      async () => {
        const before = await setup()
        expect(before.connection).toEqual(expect.objectContaining({ token_valid: true, problem: null }))
        expect(before.permissions).toEqual({ accounts_and_check_now: "granted", reconciliation: "granted", write_back: "unknown" })
        expect(before.moota_accounts.length).toBeGreaterThan(0)

        // A transfer whose webhook never came: reconciliation (a read) still finds it and the order is paid.
        const { order_id, session } = await placeMootaOrder(store)
        const { mutation } = await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount, push: false })
        expect((await reconcileMootaMutations(container())).new).toBeGreaterThanOrEqual(1)
        expect((await paid(order_id)).payments).toBe(1)

        // Writing the order number back needs the write scope: Moota refuses, nothing is tagged.
        await eventually(async () => (await moota().listMootaInboxMutations({ write_back_status: "pending" })).length === 1)
        expect(await writeBackMootaTags(container())).toEqual({ done: 0, failed: 1 })
        const inMoota = sandbox().state.mutations.find((x) => x.mutation_id === mutation.mutation_id)
        expect(inMoota?.taggings).toEqual([])
        expect((await setup()).permissions).toEqual({
          accounts_and_check_now: "granted",
          reconciliation: "granted",
          write_back: "missing_scope",
        })
      }
    )
  })

  it("names the bank-account feature off for a token that may only read mutations, and says the token itself is fine", async () => {
    await withOptions(
      (o) => (o.apiToken = sandbox().issueToken(["mutation_read"])),
      async () => {
        const data = await setup()
        expect(data.connection).toEqual(expect.objectContaining({ token_valid: true, problem: null }))
        expect(data.permissions).toEqual(expect.objectContaining({ accounts_and_check_now: "missing_scope", reconciliation: "granted" }))
      }
    )
    await withOptions(
      (o) => {
        o.apiToken = "not-a-token"
        o.writeBack = false
      },
      async () => {
        const data = await setup()
        expect(data.connection.token_valid).toBe(false)
        expect(data.permissions).toEqual({ accounts_and_check_now: "token_refused", reconciliation: "token_refused", write_back: "not_used" })
      }
    )
    // The full token (scope api) may do everything the plugin asks.
    expect((await setup()).permissions).toEqual(expect.objectContaining({ accounts_and_check_now: "granted", reconciliation: "granted" }))
  })
})
