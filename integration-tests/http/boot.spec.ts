import { spawn } from "node:child_process"
import { join } from "node:path"
import { Client } from "pg"

jest.setTimeout(180_000)

const root = join(__dirname, "../..")
const DB = `moota_boot_${process.pid}`

function dbUrl(name: string): string {
  return `postgres://${process.env.DB_USERNAME}:${encodeURIComponent(process.env.DB_PASSWORD ?? "")}@localhost:${process.env.DB_PORT}/${name}`
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: dbUrl("postgres") })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Runs the medusa CLI against the test database with the given MOOTA_* overrides. */
function medusa(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(root, "node_modules/.bin/medusa"), args, {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", DATABASE_URL: dbUrl(DB), MEDUSA_DISABLE_TELEMETRY: "true", ...env },
    })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => (out += d))
    child.on("exit", (code) => resolve({ code, out }))
  })
}

/** Boots the whole app (every module loader) with `medusa exec`. */
const boot = (env: Record<string, string>) => medusa(["exec", "./integration-tests/fixtures/noop-script.ts"], env)

describe("options are validated at boot", () => {
  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${DB}`)
    await admin(`CREATE DATABASE ${DB}`)
    const migrated = await medusa(["db:migrate"], {})
    expect(migrated.code).toBe(0)
  })

  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
  })

  it("stops the boot naming a bad account option", async () => {
    const { code, out } = await boot({
      MOOTA_ACCOUNTS: JSON.stringify([{ bankId: "b1", bank: "BCA", accountNumber: "12-AB", accountHolder: "Toko" }]),
    })
    expect(code).not.toBe(0)
    expect(out).toMatch(/Invalid medusa-payment-moota options: accounts\.0\.accountNumber: accountNumber must be digits/)
    expect(out).not.toMatch(/BOOTED/)
  })

  it("stops the boot naming an out-of-range unique code option", async () => {
    const { code, out } = await boot({ MOOTA_OPTIONS_JSON: JSON.stringify({ uniqueCodeMax: 1500 }) })
    expect(code).not.toBe(0)
    expect(out).toMatch(/uniqueCodeMax/)
    expect(out).not.toMatch(/BOOTED/)
  })

  it("stops the boot when a QRIS account's static QRIS has a bad CRC", async () => {
    const { code, out } = await boot({
      MOOTA_ACCOUNTS: JSON.stringify([
        { bankId: "q1", kind: "qris", bank: "QRIS", accountHolder: "Toko", qris: "00020101021153033605802ID5904Toko63040000" },
      ]),
    })
    expect(code).not.toBe(0)
    expect(out).toMatch(/accounts\.0\.qris/)
  })

  it("stops the boot naming the webhook secret's variable when it is empty", async () => {
    const { code, out } = await boot({ MOOTA_WEBHOOK_SECRETS: "" })
    expect(code).not.toBe(0)
    expect(out).toMatch(/Invalid medusa-payment-moota options: webhookSecrets\.0: the webhook secret is missing or empty\. Set MOOTA_WEBHOOK_SECRET in your \.env/)
    expect(out).not.toMatch(/Invalid input/)
    expect(out).not.toMatch(/BOOTED/)
  })

  it("stops the boot naming an account's missing bank_id", async () => {
    const { code, out } = await boot({ MOOTA_ACCOUNTS: JSON.stringify([{ bank: "BCA", accountNumber: "1234567890", accountHolder: "Toko" }]) })
    expect(code).not.toBe(0)
    expect(out).toMatch(/accounts\.0\.bankId: the account's Moota bank_id is missing or empty\. Set MOOTA_BANK_ID/)
    expect(out).not.toMatch(/BOOTED/)
  })

  it("stops the boot when a Moota VA account has no API token to create its payments with", async () => {
    const { code, out } = await boot({
      MOOTA_OPTIONS_JSON: JSON.stringify({ apiToken: null }),
      MOOTA_ACCOUNTS: JSON.stringify([
        { bankId: "b1", bank: "BCA", accountNumber: "1234567890", accountHolder: "Toko" },
        { bankId: "va1", kind: "moota_va", bank: "BCA Virtual Account", accountHolder: "Toko" },
      ]),
    })
    expect(code).not.toBe(0)
    expect(out).toMatch(/accounts\.1\.kind: kind moota_va creates each payment through Moota's API: set apiToken \(MOOTA_API_TOKEN\)/)
    expect(out).not.toMatch(/BOOTED/)
  })

  it("stops the boot naming a transactionMinTotal that is not a whole rupiah amount", async () => {
    const { code, out } = await boot({ MOOTA_OPTIONS_JSON: JSON.stringify({ transactionMinTotal: 9999.5 }) })
    expect(code).not.toBe(0)
    expect(out).toMatch(/transactionMinTotal: transactionMinTotal must be a whole number of rupiah, e\.g\. 10000/)
    expect(out).not.toMatch(/BOOTED/)
  })

  it("stops the boot naming a trustProxy entry that is not a proxy address", async () => {
    const { code, out } = await boot({ MOOTA_OPTIONS_JSON: JSON.stringify({ trustProxy: ["nginx"] }) })
    expect(code).not.toBe(0)
    expect(out).toMatch(/trustProxy: "nginx" is not an IP address or CIDR range or one of loopback, linklocal, uniquelocal/)
    expect(out).not.toMatch(/BOOTED/)
  })

  it("boots with trustProxy true, warning that it is read as one proxy hop", async () => {
    const { code, out } = await boot({ MOOTA_OPTIONS_JSON: JSON.stringify({ trustProxy: true }) })
    expect(out).toMatch(/trustProxy true is read as 1 proxy hop; set the number of proxies in front of Medusa/)
    expect(out).toMatch(/BOOTED/)
    expect(code).toBe(0)
  })

  it("boots with the default options", async () => {
    const { code, out } = await boot({})
    expect(out).not.toMatch(/trustProxy/)
    expect(out).toMatch(/BOOTED/)
    expect(code).toBe(0)
  })
})
