import type { SubscriberArgs } from "@medusajs/framework"
import handler from "../moota-mutations-received"
import { processInboxRows } from "../../inbox/scheduler"

jest.mock("../../inbox/scheduler", () => ({ processInboxRows: jest.fn() }))

const scheduled = processInboxRows as jest.MockedFunction<typeof processInboxRows>

describe("moota.mutations.received handler", () => {
  it("hands the rows to the confirmation queue and returns before they are confirmed", async () => {
    // A flash sale's confirmations still running: with Redis, a worker takes one event at a time, so
    // a handler that waited here would hold back every other event until the last one is confirmed.
    scheduled.mockReturnValue(new Promise(() => undefined))
    const args = { event: { name: "moota.mutations.received", data: { ids: ["a", "b"] } }, container: {} } as unknown as SubscriberArgs<{
      ids: string[]
    }>
    const outcome = await Promise.race([
      handler(args).then(() => "returned"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 200)),
    ])
    expect(outcome).toBe("returned")
    expect(scheduled).toHaveBeenCalledWith({}, ["a", "b"])
  })
})
