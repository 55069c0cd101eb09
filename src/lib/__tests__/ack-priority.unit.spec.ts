import { AckPriorityGate } from "../ack-priority"

/** A gate on a fake clock: sleeping advances time and runs whatever is scheduled at that time. */
function fakeGate(quietMs = 20, maxWaitMs = 1000) {
  let t = 1_000_000
  const timers: { at: number; fn: () => void }[] = []
  const gate = new AckPriorityGate({
    quietMs,
    maxWaitMs,
    now: () => t,
    sleep: async (ms) => {
      t += ms
      for (const timer of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(timer), 1)
        timer.fn()
      }
    },
  })
  return { gate, at: (ms: number, fn: () => void) => timers.push({ at: t + ms, fn }), advance: (ms: number) => (t += ms) }
}

describe("AckPriorityGate", () => {
  it("lets confirmations run at once on a quiet process", async () => {
    const { gate } = fakeGate()
    expect(gate.busy()).toBe(false)
    expect(await gate.waitForLull()).toBe(0)
  })

  it("holds confirmations while a delivery is being stored, and for quietMs after its answer", async () => {
    const { gate, at } = fakeGate(20, 1000)
    const done = gate.deliveryStarted()
    at(100, done)
    // answered at +100 (waits are in 20 ms steps), then quiet for 20 ms
    expect(await gate.waitForLull()).toBe(120)
    expect(gate.busy()).toBe(false)
  })

  it("after a lone delivery, waits only for what is left of the quiet period", async () => {
    const { gate, advance } = fakeGate(20, 1000)
    gate.deliveryStarted()()
    advance(3)
    expect(await gate.waitForLull()).toBe(17)
  })

  it("holds confirmations through back-to-back deliveries", async () => {
    const { gate, at } = fakeGate(20, 1000)
    let done = gate.deliveryStarted()
    for (let i = 1; i <= 10; i++) {
      // each delivery takes 10 ms, the next arrives 5 ms after the answer
      at(i * 15 - 5, () => done())
      at(i * 15, () => (done = gate.deliveryStarted()))
    }
    at(151, () => done())
    const waited = await gate.waitForLull()
    expect(waited).toBeGreaterThanOrEqual(160)
    expect(waited).toBeLessThanOrEqual(200)
  })

  it("never waits longer than maxWaitMs, so a continuous stream cannot stop confirmations", async () => {
    const { gate } = fakeGate(20, 500)
    gate.deliveryStarted() // never answered
    expect(await gate.waitForLull()).toBe(500)
    expect(gate.busy()).toBe(true)
  })

  it("counts a delivery's end once even if the end is reported twice", async () => {
    const { gate, advance } = fakeGate(20, 1000)
    const a = gate.deliveryStarted()
    const b = gate.deliveryStarted()
    a()
    a()
    advance(50)
    expect(gate.busy()).toBe(true) // b is still in flight
    b()
    advance(50)
    expect(gate.busy()).toBe(false)
  })
})
