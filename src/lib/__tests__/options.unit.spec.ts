import { MISSING, MootaOptionsError, parseMootaOptions } from "../options"

const account = { bankId: "VLagzqBj42D", bank: "BCA", accountNumber: "1234567890", accountHolder: "PT Toko Anda" }

/** The boot error's text, as `medusa db:migrate` or `medusa start` prints it. */
function errorOf(raw: unknown): string {
  try {
    parseMootaOptions(raw)
  } catch (e) {
    expect(e).toBeInstanceOf(MootaOptionsError)
    return (e as Error).message
  }
  throw new Error("the options were accepted")
}

describe("missing or empty options say what to set", () => {
  it("an unset MOOTA_WEBHOOK_SECRET in a list names the option and the variable", () => {
    const message = errorOf({ webhookSecrets: [process.env.MOOTA_TEST_UNSET_VARIABLE], accounts: [account] })
    expect(message).toBe(`Invalid medusa-payment-moota options: webhookSecrets.0: ${MISSING.webhookSecret}`)
    expect(message).toMatch(/Set MOOTA_WEBHOOK_SECRET in your \.env .* Secret token of your Moota webhook/)
    expect(message).not.toMatch(/Invalid input/)
  })

  it("an unset variable given as the single secret is refused too, not read as 'no secret'", () => {
    expect(errorOf({ webhookSecrets: undefined, accounts: [account] })).toBe(
      `Invalid medusa-payment-moota options: webhookSecrets: ${MISSING.webhookSecret}`
    )
  })

  it("an empty or blank secret names it, in a list or alone", () => {
    expect(errorOf({ webhookSecrets: ["s3cret", "  "], accounts: [account] })).toMatch(/webhookSecrets\.1: the webhook secret is missing or empty\. Set MOOTA_WEBHOOK_SECRET/)
    expect(errorOf({ webhookSecrets: "", accounts: [account] })).toMatch(/webhookSecrets\.0: the webhook secret is missing or empty/)
  })

  it("leaving webhookSecrets out stays allowed (the webhook then answers 503)", () => {
    expect(parseMootaOptions({ accounts: [account] }).webhookSecrets).toEqual([])
    expect(parseMootaOptions({ webhookSecrets: " s3cret ", accounts: [account] }).webhookSecrets).toEqual(["s3cret"])
  })

  it("an empty API token names MOOTA_API_TOKEN and how to run without it", () => {
    const message = errorOf({ apiToken: "", accounts: [account] })
    expect(message).toBe(`Invalid medusa-payment-moota options: apiToken: ${MISSING.apiToken}`)
    expect(message).toMatch(/Set MOOTA_API_TOKEN .* Apps & API .* or leave apiToken out/)
    // Unset (undefined) is the documented way to run without reconciliation.
    expect(parseMootaOptions({ apiToken: undefined, accounts: [account] }).apiToken).toBeUndefined()
  })

  it("an unset MOOTA_BANK_ID names the account field and the variable", () => {
    const message = errorOf({ webhookSecrets: ["s"], accounts: [{ ...account, bankId: undefined }] })
    expect(message).toBe(`Invalid medusa-payment-moota options: accounts.0.bankId: ${MISSING.bankId}`)
    expect(message).toMatch(/Set MOOTA_BANK_ID in your \.env/)
    expect(errorOf({ accounts: [{ ...account, bankId: " " }] })).toMatch(/accounts\.0\.bankId: the account's Moota bank_id is missing or empty/)
  })

  it("missing account fields each name the field and what it is", () => {
    expect(errorOf({ accounts: [{ ...account, bank: "" }] })).toMatch(/accounts\.0\.bank: the bank label shown to buyers is missing or empty, e\.g\. "BCA"/)
    expect(errorOf({ accounts: [{ ...account, accountHolder: undefined }] })).toMatch(
      /accounts\.0\.accountHolder: the account holder's name \("atas nama"\) shown to buyers is missing or empty/
    )
    expect(errorOf({ accounts: [{ ...account, accountNumber: "" }] })).toMatch(
      /accounts\.0\.accountNumber: the account number buyers transfer to is missing or empty \(required for kind bank\)/
    )
    expect(errorOf({ accounts: [{ ...account, accountNumber: "12-AB" }] })).toMatch(/accounts\.0\.accountNumber: accountNumber must be digits/)
  })

  it("no accounts at all, or no options at all, asks for one account", () => {
    expect(errorOf({ webhookSecrets: ["s"] })).toBe(`Invalid medusa-payment-moota options: accounts: ${MISSING.accounts}`)
    expect(errorOf(undefined)).toBe(`Invalid medusa-payment-moota options: accounts: ${MISSING.accounts}`)
    expect(errorOf({ accounts: [] })).toBe(`Invalid medusa-payment-moota options: accounts: ${MISSING.accounts}`)
  })

  it("every problem is listed at once", () => {
    const message = errorOf({ webhookSecrets: [undefined], apiToken: "", accounts: [{ ...account, bankId: undefined }] })
    expect(message.split("; ").map((issue) => issue.replace(/^Invalid medusa-payment-moota options: /, "").split(":")[0]).sort()).toEqual([
      "accounts.0.bankId",
      "apiToken",
      "webhookSecrets.0",
    ])
  })
})

describe("accounts paid through Moota transactions", () => {
  const base = { webhookSecrets: ["s"], accounts: [{ bankId: "va1", kind: "moota_va", bank: "BCA VA", accountHolder: "Toko" }] }

  it("need no account number, and default to a Rp10,000 minimum", () => {
    const o = parseMootaOptions({ ...base, apiToken: "t" })
    expect(o.accounts[0].kind).toBe("moota_va")
    expect(o.transactionMinTotal).toBe(10_000)
  })

  it("refuse to boot without an API token, naming the variable", () => {
    expect(() => parseMootaOptions(base)).toThrow(/accounts\.0\.kind: kind moota_va .*set apiToken \(MOOTA_API_TOKEN\)/)
  })
})

describe("refundAlertDays", () => {
  it("defaults to 3 days and refuses a value that is not a whole number of days from 1 to 60, by name", () => {
    expect(parseMootaOptions({ webhookSecrets: ["s"], accounts: [account] }).refundAlertDays).toBe(3)
    expect(parseMootaOptions({ webhookSecrets: ["s"], accounts: [account], refundAlertDays: 7 }).refundAlertDays).toBe(7)
    expect(errorOf({ webhookSecrets: ["s"], accounts: [account], refundAlertDays: 0 })).toMatch(/refundAlertDays: refundAlertDays must be at least 1/)
    expect(errorOf({ webhookSecrets: ["s"], accounts: [account], refundAlertDays: 1.5 })).toMatch(/refundAlertDays must be a whole number of days/)
    expect(errorOf({ webhookSecrets: ["s"], accounts: [account], refundAlertDays: "3" })).toMatch(/refundAlertDays must be a number of days/)
  })
})
