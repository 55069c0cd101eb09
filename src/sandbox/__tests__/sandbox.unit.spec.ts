import { SECRET, hmacMatches, bodyOf, pathsOf, sandboxPerTest } from "./sandbox-harness"

describe("Moota sandbox", () => {
  const { sandbox, hooks, start } = sandboxPerTest()

  describe("transfer and push", () => {
    beforeEach(() => start((url) => [{ id: "whk0000001", url: url("/hooks/moota"), secret: SECRET }]))

    it("POST /_sandbox/transfer pushes a signed JSON array whose Signature is the HMAC of the raw bytes", async () => {
      const res = await fetch(`${sandbox().url}/_sandbox/transfer`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ bank_id: "bcaTest0001", amount: 150123, description: "TRSF E-BANKING CR 0510/FTSCY/WS95051" }),
      })
      const answer = await res.json()

      expect(res.status).toBe(201)
      expect(hooks().received).toHaveLength(1)
      const [delivery] = hooks().received
      expect(delivery.path).toBe("/hooks/moota")
      expect(delivery.headers).toEqual(
        expect.objectContaining({
          "content-type": "application/json",
          accept: "application/json",
          "user-agent": "MootaBot/1.5",
          "x-moota-user": "userHashid1",
          "x-moota-webhook": "whk0000001",
        })
      )
      expect(delivery.headers.signature).toMatch(/^[0-9a-f]{64}$/)
      expect(hmacMatches(delivery.raw, delivery.headers.signature, SECRET)).toBe(true)
      expect(hmacMatches(delivery.raw, delivery.headers.signature, "another-secret")).toBe(false)

      // Slashes are escaped the PHP way, so only the raw bytes reproduce the signature.
      expect(delivery.raw.toString("utf8")).toContain("0510\\/FTSCY\\/WS95051")
      const reserialised = Buffer.from(JSON.stringify(bodyOf(delivery)))
      expect(hmacMatches(reserialised, delivery.headers.signature, SECRET)).toBe(false)

      const body = bodyOf(delivery)
      expect(Array.isArray(body)).toBe(true)
      expect(body).toHaveLength(1)
      expect(body[0]).toEqual(
        expect.objectContaining({
          mutation_id: answer.mutation.mutation_id,
          token: answer.mutation.mutation_id,
          bank_id: "bcaTest0001",
          account_number: "1234567890",
          type: "CR",
          amount: 150123,
          taggings: [],
          bank: expect.objectContaining({ bank_id: "bcaTest0001", bank_type: "bca", balance: "150123.00" }),
        })
      )
      expect(body[0].mutation_id).toMatch(/^[A-Za-z0-9]{11}$/)
      expect(body[0].date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      expect(body[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      expect(answer.deliveries).toEqual([
        expect.objectContaining({ webhook_id: "whk0000001", status: 200, mutation_ids: [answer.mutation.mutation_id] }),
      ])
      expect(sandbox().state.deliveries).toEqual(answer.deliveries)
    })

    it("sends the amount as a numeric string when asked", async () => {
      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 10000, amount_as_string: true })

      expect(bodyOf(hooks().received[0])[0].amount).toBe("10000")
    })

    it("records the receiver's status, failures included", async () => {
      hooks().receiverStatus.value = 401

      const { deliveries } = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123 })

      expect(deliveries).toEqual([expect.objectContaining({ status: 401 })])
    })

    it("records an unreachable webhook as a delivery without status", async () => {
      await hooks().close()

      const { deliveries } = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123 })

      expect(deliveries).toEqual([expect.objectContaining({ status: null, error: expect.stringContaining("network") })])
    })

    it("delivers several mutations in one array body", async () => {
      const a = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123, push: false })
      const b = await sandbox().receiveTransfer({ bank_id: "mdrTest0002", amount: 99001, push: false })

      const deliveries = await sandbox().pushMutations([a.mutation.mutation_id as string, b.mutation.mutation_id as string])

      expect(deliveries).toHaveLength(1)
      expect(hooks().received).toHaveLength(1)
      expect(bodyOf(hooks().received[0]).map((m) => m.amount)).toEqual([150123, 99001])
      expect(hmacMatches(hooks().received[0].raw, hooks().received[0].headers.signature, SECRET)).toBe(true)
    })

    it("takes a WIB date, or a bare day as 00:00:00", async () => {
      const withTime = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 1, date: "2021-10-05 10:25:16", push: false })
      const dayOnly = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 1, date: "2021-09-21", push: false })
      const utc = await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 1, date: "2021-10-05T03:25:16Z", push: false })

      expect(withTime.mutation.date).toBe("2021-10-05 10:25:16")
      expect(dayOnly.mutation.date).toBe("2021-09-21 00:00:00")
      expect(utc.mutation.date).toBe("2021-10-05 10:25:16")
    })

    it("refuses a transfer to an unknown account", async () => {
      const res = await fetch(`${sandbox().url}/_sandbox/transfer`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ bank_id: "nope", amount: 150123 }),
      })

      expect(res.status).toBe(422)
      expect(hooks().received).toHaveLength(0)
    })

    it("serves its state without webhook secrets", async () => {
      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123 })

      const text = await (await fetch(`${sandbox().url}/_sandbox/state`)).text()

      expect(text).not.toContain(SECRET)
      expect(JSON.parse(text)).toEqual(
        expect.objectContaining({
          mutations: [expect.objectContaining({ amount: "150123.00" })],
          deliveries: [expect.objectContaining({ status: 200 })],
          webhooks: [expect.objectContaining({ webhook_id: "whk0000001", kinds: "both" })],
        })
      )
    })

    it("delivers raw bytes, unsigned unless a secret is given (the dashboard's Check URL)", async () => {
      const res = await fetch(`${sandbox().url}/_sandbox/deliver-raw`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ url: hooks().url("/hooks/moota") }),
      })

      expect(await res.json()).toEqual({ status: 200 })
      expect(hooks().received[0].raw.length).toBe(0)
      expect(hooks().received[0].headers.signature).toBeUndefined()
    })
  })

  describe("webhook filters", () => {
    it("pushes only amounts whose last three digits sit in the unique-code range", async () => {
      await start((url) => [
        { url: url("/all"), secret: SECRET },
        { url: url("/one-to-999"), secret: SECRET, start_unique_code: 1, end_unique_code: 999 },
        { url: url("/100-199"), secret: SECRET, start_unique_code: 100, end_unique_code: 199 },
      ])

      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150000 })
      expect(pathsOf(hooks().received)).toEqual(["/all"])

      hooks().received.length = 0
      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123 })
      expect(pathsOf(hooks().received)).toEqual(["/100-199", "/all", "/one-to-999"])

      hooks().received.length = 0
      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150200 })
      expect(pathsOf(hooks().received)).toEqual(["/all", "/one-to-999"])
    })

    it("pushes CR to credit webhooks and DB to debit webhooks", async () => {
      await start((url) => [
        { url: url("/credit"), secret: SECRET, kinds: "credit" },
        { url: url("/debit"), secret: SECRET, kinds: "debit" },
        { url: url("/both"), secret: SECRET, kinds: "both" },
      ])

      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 150123, type: "CR" })
      expect(pathsOf(hooks().received)).toEqual(["/both", "/credit"])

      hooks().received.length = 0
      await sandbox().receiveTransfer({ bank_id: "bcaTest0001", amount: 50000, type: "DB" })
      expect(pathsOf(hooks().received)).toEqual(["/both", "/debit"])
      expect(bodyOf(hooks().received[0])[0].type).toBe("DB")
    })

    it("pushes only the webhook's account when it names one", async () => {
      await start((url) => [
        { url: url("/bca"), secret: SECRET, bank_account_id: "bcaTest0001" },
        { url: url("/any"), secret: SECRET },
      ])

      await sandbox().receiveTransfer({ bank_id: "mdrTest0002", amount: 150123 })

      expect(pathsOf(hooks().received)).toEqual(["/any"])
    })
  })

})
