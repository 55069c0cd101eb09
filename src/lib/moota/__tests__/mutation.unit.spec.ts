import { readFileSync } from "node:fs"
import { join } from "node:path"
import { buildMootaMutation, newMootaId } from "../mutation"

const FIXTURE = readFileSync(join(__dirname, "../../../../integration-tests/fixtures/moota-sdk-webhook.body.json"), "utf8")

describe("buildMootaMutation", () => {
  it("reproduces a recorded Moota delivery byte for byte", () => {
    const [recorded] = JSON.parse(FIXTURE) as [Record<string, unknown> & { bank: Record<string, unknown> }]
    const built = buildMootaMutation({
      bank_id: "VLagzqBj42D",
      amount: 100123,
      mutation_id: "aolk4PekJxM",
      description: "buy other food",
      date: "2021-10-05 10:25:16",
      created_at: "2021-10-05 10:25:16",
      bank: recorded.bank,
    })
    expect(JSON.stringify([built])).toBe(FIXTURE.trim())
  })

  it("fills a credit dated now in WIB with a fresh hashid", () => {
    const now = new Date("2021-10-04T17:30:05Z")
    const m = buildMootaMutation({ bank_id: "bcaTest0001", amount: 150123, now })
    expect(m).toEqual({
      account_number: "",
      date: "2021-10-05 00:30:05",
      description: "TRSF E-BANKING CR 0510/FTSCY/WS95031",
      note: "",
      amount: 150123,
      type: "CR",
      balance: 0,
      updated_at: "2021-10-05 00:30:05",
      created_at: "2021-10-05 00:30:05",
      mutation_id: m.mutation_id,
      token: m.mutation_id,
      bank_id: "bcaTest0001",
      taggings: [],
    })
    expect(m.mutation_id).toMatch(/^[A-Za-z0-9]{11}$/)
    expect(buildMootaMutation({ bank_id: "b", amount: 1 }).mutation_id).not.toBe(m.mutation_id)
  })

  it("writes Dates as WIB wall-clock time and passes strings as given", () => {
    const m = buildMootaMutation({
      bank_id: "b",
      amount: "10000",
      type: "DB",
      date: "2021-09-21",
      created_at: new Date("2021-09-21T01:02:03Z"),
      updated_at: new Date("2021-09-21T02:00:00Z"),
    })
    expect(m).toMatchObject({
      amount: "10000",
      type: "DB",
      date: "2021-09-21",
      created_at: "2021-09-21 08:02:03",
      updated_at: "2021-09-21 09:00:00",
      description: "TRSF E-BANKING DB 2109/FTSCY/WS95031",
    })
  })

  it("takes the account number from the nested bank unless given", () => {
    const bank = { bank_id: "b", account_number: "235264741" }
    expect(buildMootaMutation({ bank_id: "b", amount: 1, bank }).account_number).toBe("235264741")
    expect(buildMootaMutation({ bank_id: "b", amount: 1, bank, account_number: 99 }).account_number).toBe(99)
  })

  it("carries payment_detail only when given", () => {
    expect(buildMootaMutation({ bank_id: "b", amount: 1 })).not.toHaveProperty("payment_detail")
    const detail = { trx_id: "trx1", order_id: "order_1", status: "SUCCESS" }
    expect(buildMootaMutation({ bank_id: "b", amount: 1, payment_detail: detail }).payment_detail).toEqual(detail)
  })
})

describe("newMootaId", () => {
  it("is alphanumeric of the asked length", () => {
    expect(newMootaId()).toMatch(/^[A-Za-z0-9]{11}$/)
    expect(newMootaId(13)).toMatch(/^[A-Za-z0-9]{13}$/)
  })
})
