import { randomBytes } from "node:crypto"
import { signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { mutation, postWebhook } from "../../test-kit"

/**
 * Hostile deliveries: never a 5xx, nothing stored unless validly signed and well formed, the server
 * stays up. ABUSE_N sets the number of bodies (the suite uses a smaller number than the script).
 */
jest.setTimeout(30 * 60_000)

const N = Number(process.env.ABUSE_N ?? 600)

function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0
    return s / 2 ** 32
  }
}

const shapes: Array<(r: () => number) => string | Buffer> = [
  (r) => randomBytes(1 + Math.floor(r() * 2048)),
  () => Buffer.from([0xff, 0xfe, 0x5b, 0x7b, 0x7d, 0x5d, 0xc3, 0x28]),
  () => "null",
  () => "true",
  () => "123",
  () => '"a string"',
  () => "{}",
  () => "[]",
  () => "[null]",
  () => "[1,2,3]",
  () => JSON.stringify([{ mutation_id: 5, bank_id: [], type: {}, amount: "x" }]),
  () => JSON.stringify([{ ...mutation(), amount: { $gt: 0 } }]),
  () => JSON.stringify([{ ...mutation(), type: "CR'; DROP TABLE moota_inbox_mutation;--" }]),
  () => JSON.stringify([{ ...mutation(), amount: "1e309" }]),
  () => JSON.stringify([{ ...mutation(), amount: -5 }]),
  () => JSON.stringify([{ ...mutation(), mutation_id: "" }]),
  () => "[".repeat(5000) + "]".repeat(5000),
  () => JSON.stringify([{ a: JSON.parse("[".repeat(500) + "]".repeat(500)) }]),
  () => JSON.stringify(Array.from({ length: 20_000 }, () => 1)),
  () => JSON.stringify([{ ...mutation(), description: "x".repeat(300_000) }]).slice(0, 250_000),
  () => JSON.stringify({ __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } }),
  () => '[{"mutation_id":"a","bank_id":"b","type":"CR","amount":1}' + ",".repeat(10),
  // valid JSON that PostgreSQL text cannot hold as is: NUL and half surrogate pairs
  () => JSON.stringify([{ ...mutation(), description: "a\u0000b\ud800c", payment_detail: { "x\u0000": "\udc00" } }]),
  () => JSON.stringify([{ ...mutation(), mutation_id: `nul\u0000${Math.random()}`, bank_id: "bca\ud83d" }]),
]

mootaHttpSuite({}, ({ base, moota, sandbox }) => {
  it(`answers ${N} hostile bodies without a 5xx, stores only signed well-formed mutations, and stays up`, async () => {
    expect(sandbox()).toBeTruthy()
    const r = prng(7)
    const statuses: Record<number, number> = {}
    let acceptedNew = 0
    const contentTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream"]
    const pending: Promise<void>[] = []
    for (let i = 0; i < N; i++) {
      const body = shapes[Math.floor(r() * shapes.length)](r)
      const validSig = r() < 0.5
      const headers: Record<string, string> = {
        "content-type": contentTypes[Math.floor(r() * contentTypes.length)],
        ...(validSig ? signed(body) : r() < 0.5 ? { signature: randomBytes(32).toString("hex") } : {}),
      }
      pending.push(
        postWebhook(base(), body, headers).then((res) => {
          statuses[res.status] = (statuses[res.status] ?? 0) + 1
          if (res.status === 200) {
            expect(validSig || body.length === 0).toBe(true)
            acceptedNew += res.json.new ?? 0
          }
        })
      )
      if (pending.length >= 8) {
        await Promise.all(pending.splice(0))
      }
    }
    await Promise.all(pending)
    console.info(`abuse: ${N} bodies, statuses ${JSON.stringify(statuses)}`)
    expect(Object.keys(statuses).map(Number).filter((s) => s >= 500)).toEqual([])
    // Only validly signed, well-formed mutations are stored, and none of them pays anything.
    const stored = await moota().listMootaInboxMutations({})
    expect(stored).toHaveLength(acceptedNew)
    expect(stored.filter((m) => m.outcome === "captured" || m.status === "matched")).toEqual([])

    // Still serving, and a genuine delivery still goes through.
    const body = JSON.stringify([mutation({ amount: 100_777 })])
    expect((await postWebhook(base(), body, signed(body))).json).toEqual(expect.objectContaining({ received: 1, new: 1 }))
  })

  it("stores a large valid delivery (2,500 mutations) in one go, and a replay of it adds nothing", async () => {
    const body = JSON.stringify(Array.from({ length: 2500 }, () => mutation({ amount: 1_234_000, description: "" })))
    const first = await postWebhook(base(), body, signed(body))
    expect(first.status).toBe(200)
    expect(first.json.new).toBe(2500)
    const replay = await postWebhook(base(), body, signed(body))
    expect(replay.json).toEqual(expect.objectContaining({ received: 2500, new: 0 }))
  })
})
