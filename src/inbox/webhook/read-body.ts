import type { IncomingMessage } from "node:http"

export class BodyTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`Body larger than ${limit} bytes`)
  }
}

/** Reads the raw request bytes (the signature covers them exactly), refusing more than `limit`. */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"])
  if (Number.isFinite(declared) && declared > limit) {
    req.resume()
    throw new BodyTooLargeError(limit)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string)
    size += buf.length
    if (size > limit) {
      req.resume()
      throw new BodyTooLargeError(limit)
    }
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}
