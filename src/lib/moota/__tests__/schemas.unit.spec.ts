import { readFileSync } from "node:fs"
import { join } from "node:path"
import { buildMootaMutation, mootaMutationSchema, mootaWebhookBodySchema } from ".."

const FIXTURE = readFileSync(join(__dirname, "../../../../integration-tests/fixtures/moota-sdk-webhook.body.json"), "utf8")

describe("mootaMutationSchema", () => {
  it("parses the body Moota's SDK recorded", () => {
    const [mutation] = mootaWebhookBodySchema.parse(JSON.parse(FIXTURE))

    expect(mutation).toEqual(
      expect.objectContaining({ mutation_id: "aolk4PekJxM", bank_id: "VLagzqBj42D", type: "CR", amount: 100123 })
    )
    expect(mutation.bank?.balance).toBe("100123.00")
  })

  it("keeps numeric-string amounts as given and tolerates a numeric account number", () => {
    const parsed = mootaMutationSchema.parse({
      mutation_id: "aolk4PekJxM",
      bank_id: "VLagzqBj42D",
      type: "cr",
      amount: "10000",
      account_number: 235264741,
      payment_detail: [],
    })

    expect(parsed).toEqual(expect.objectContaining({ amount: "10000", type: "CR", account_number: 235264741 }))
  })

  it("refuses non-numeric amounts, unknown types and missing identities", () => {
    const base = { mutation_id: "aolk4PekJxM", bank_id: "VLagzqBj42D", type: "CR", amount: 10000 }

    expect(mootaMutationSchema.safeParse({ ...base, amount: "10.000,00" }).success).toBe(false)
    expect(mootaMutationSchema.safeParse({ ...base, type: "XX" }).success).toBe(false)
    expect(mootaMutationSchema.safeParse({ ...base, mutation_id: undefined }).success).toBe(false)
    expect(mootaWebhookBodySchema.safeParse([]).success).toBe(false)
  })
})

describe("what the builder makes", () => {
  it("reads back through the webhook body schema", () => {
    const built = buildMootaMutation({ bank_id: "bcaTest0001", amount: "150123", type: "DB", description: "x" })

    const [parsed] = mootaWebhookBodySchema.parse(JSON.parse(JSON.stringify([built])))

    expect(parsed).toEqual(expect.objectContaining({ ...built, amount: "150123", type: "DB" }))
  })
})
