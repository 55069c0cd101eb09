import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** Test helpers: a tiny HTTP server that plays scripted answers, to drive the client through Moota's failures. */

export type Reply = (req: IncomingMessage, res: ServerResponse) => void

/** A tiny server answering each request with the next reply (the last one repeats). */
export async function scriptedServer(replies: Reply[]): Promise<{ url: string; requests: IncomingMessage[]; close(): Promise<void> }> {
  const requests: IncomingMessage[] = []
  const server: Server = createServer((req, res) => {
    requests.push(req)
    req.resume()
    replies[Math.min(requests.length - 1, replies.length - 1)](req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers })
    res.end(JSON.stringify(body))
  }

