export type DemoServerOptions = {
  /** The Medusa store, e.g. http://127.0.0.1:9000; /store/* and /auth/* are proxied to it. */
  storeUrl: string
  publishableKey: string
  /** The Moota sandbox; POST /sandbox/transfer is forwarded to its /_sandbox/transfer. */
  sandboxUrl: string
  /** Default DEFAULT_DEMO_PORT (4020); 0 picks a free port. */
  port?: number
  host?: "127.0.0.1" | "::1" | "localhost"
  log?: (line: string) => void
}

export type DemoServer = { url: string; close(): Promise<void> }

export function startDemoServer(options: DemoServerOptions): Promise<DemoServer>

export const DEFAULT_DEMO_PORT: number
