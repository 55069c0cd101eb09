import { createServer, request, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { BodyTooLargeError, readRawBody } from "../read-body"

async function roundTrip(
  body: Buffer,
  handle: (req: IncomingMessage) => Promise<unknown>,
  headers: Record<string, string> = {}
): Promise<unknown> {
  let result: unknown
  const server = createServer(async (req, res) => {
    try {
      result = await handle(req)
    } catch (e) {
      result = e
    }
    res.end("ok")
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: "POST", headers }, (res) => {
      res.resume()
      res.on("end", resolve)
    })
    req.on("error", reject)
    req.end(body)
  })
  await new Promise((r) => server.close(r))
  return result
}

describe("readRawBody", () => {
  it("returns the exact bytes sent", async () => {
    const bytes = Buffer.from('[{"amount":100123,"note":"caf\\u00e9 \\/"}]')
    expect(await roundTrip(bytes, (req) => readRawBody(req, 1024))).toEqual(bytes)
  })
  it("refuses a body over the limit", async () => {
    const result = await roundTrip(Buffer.alloc(2048, 97), (req) => readRawBody(req, 1024))
    expect(result).toBeInstanceOf(BodyTooLargeError)
  })
})
