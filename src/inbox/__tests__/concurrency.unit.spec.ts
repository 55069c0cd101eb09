import type { MedusaContainer } from "@medusajs/framework/types"
import { MootaOptionsError, parseMootaOptions } from "../../lib/options"
import { confirmationConcurrency } from "../scheduler"

const account = { bankId: "VLagzqBj42D", bank: "BCA", accountNumber: "1234567890", accountHolder: "PT Toko Anda" }

/** A container whose shared knex connection has this pool (as Medusa's pg connection loader makes it). */
function withPool(pool: { max?: number } | undefined): MedusaContainer {
  return { resolve: () => ({ client: { pool } }) } as unknown as MedusaContainer
}

describe("how many confirmations a process runs side by side", () => {
  it("takes a third of the database pool, leaving the rest to the webhook's acknowledgements", () => {
    expect(confirmationConcurrency(withPool({ max: 10 }), undefined)).toBe(3)
    expect(confirmationConcurrency(withPool({ max: 30 }), undefined)).toBe(10)
    expect(confirmationConcurrency(withPool({ max: 1 }), undefined)).toBe(1)
    // knex's default pool when Medusa was given no max
    expect(confirmationConcurrency(withPool(undefined), undefined)).toBe(3)
  })

  it("follows the confirmationConcurrency option when the shop sets it", () => {
    expect(confirmationConcurrency(withPool({ max: 10 }), 8)).toBe(8)
    expect(parseMootaOptions({ accounts: [account], confirmationConcurrency: 8 }).confirmationConcurrency).toBe(8)
    expect(parseMootaOptions({ accounts: [account] }).confirmationConcurrency).toBeUndefined()
  })

  it("refuses a setting that would confirm nothing, or flood the database", () => {
    for (const bad of [0, -1, 2.5, 65, "4"]) {
      expect(() => parseMootaOptions({ accounts: [account], confirmationConcurrency: bad })).toThrow(MootaOptionsError)
    }
  })
})
