import { readFileSync } from "node:fs"
import { join } from "node:path"
import { MOOTA_SIGNATURE_HEADER, signMootaBody, verifyMootaSignature } from "../signature"

// Exact bytes of a delivery recorded in Moota's official SDK test mocks, with its published signature.
const FIXTURE = readFileSync(join(__dirname, "../../../integration-tests/fixtures/moota-sdk-webhook.body.json"))
const FIXTURE_SECRET = "FcZnoVBN"
const FIXTURE_SIGNATURE = "48fd0e1eecf65f66196aa1e37a68b0139f8cf29bc5788dd63be6a6b5057cf166"

describe("signMootaBody", () => {
  it("reproduces the signature Moota sent for the SDK fixture", () => {
    expect(signMootaBody(FIXTURE, FIXTURE_SECRET)).toBe(FIXTURE_SIGNATURE)
  })

  it("hashes a string as its UTF-8 bytes", () => {
    expect(signMootaBody(FIXTURE.toString("utf8"), FIXTURE_SECRET)).toBe(FIXTURE_SIGNATURE)
    expect(signMootaBody("Rp é", "k")).toBe(signMootaBody(Buffer.from("Rp é", "utf8"), "k"))
  })

  it("does not survive re-serialisation of the JSON", () => {
    const reserialised = JSON.stringify(JSON.parse(FIXTURE.toString("utf8")), null, 2)
    expect(signMootaBody(reserialised, FIXTURE_SECRET)).not.toBe(FIXTURE_SIGNATURE)
  })
})

describe("verifyMootaSignature", () => {
  it("accepts the fixture with its secret", () => {
    expect(verifyMootaSignature(FIXTURE, FIXTURE_SIGNATURE, [FIXTURE_SECRET])).toEqual({ ok: true, secretIndex: 0 })
  })

  it("accepts the second secret of a rotation list and says which matched", () => {
    expect(verifyMootaSignature(FIXTURE, FIXTURE_SIGNATURE, ["new-secret", FIXTURE_SECRET])).toEqual({
      ok: true,
      secretIndex: 1,
    })
  })

  it("keeps the caller's index when empty secrets are skipped", () => {
    expect(verifyMootaSignature(FIXTURE, FIXTURE_SIGNATURE, ["", FIXTURE_SECRET])).toEqual({
      ok: true,
      secretIndex: 1,
    })
  })

  it("rejects a body with one byte changed", () => {
    const tampered = Buffer.from(FIXTURE)
    const at = tampered.indexOf("100123")
    tampered[at] = "2".charCodeAt(0)
    expect(tampered.equals(FIXTURE)).toBe(false)
    expect(verifyMootaSignature(tampered, FIXTURE_SIGNATURE, [FIXTURE_SECRET])).toEqual({
      ok: false,
      reason: "mismatch",
    })
  })

  it("rejects a signature with one hex digit changed", () => {
    const last = FIXTURE_SIGNATURE.slice(-1) === "6" ? "7" : "6"
    const tampered = FIXTURE_SIGNATURE.slice(0, -1) + last
    expect(verifyMootaSignature(FIXTURE, tampered, [FIXTURE_SECRET])).toEqual({ ok: false, reason: "mismatch" })
  })

  it("rejects the wrong secret", () => {
    expect(verifyMootaSignature(FIXTURE, FIXTURE_SIGNATURE, ["FcZnoVBn"])).toEqual({ ok: false, reason: "mismatch" })
  })

  it.each([
    ["undefined", undefined],
    ["empty string", ""],
    ["empty array", []],
    ["array of an empty string", [""]],
  ])("reports a %s header as missing", (_label, header) => {
    expect(verifyMootaSignature(FIXTURE, header, [FIXTURE_SECRET])).toEqual({ ok: false, reason: "missing" })
  })

  it.each([
    ["uppercase hex", FIXTURE_SIGNATURE.toUpperCase()],
    ["too short", FIXTURE_SIGNATURE.slice(0, 63)],
    ["too long", FIXTURE_SIGNATURE + "0"],
    ["half length", FIXTURE_SIGNATURE.slice(0, 32)],
    ["leading whitespace", " " + FIXTURE_SIGNATURE],
    ["trailing newline", FIXTURE_SIGNATURE + "\n"],
    ["prefixed", "sha256=" + FIXTURE_SIGNATURE],
    ["non-hex", "g".repeat(64)],
    ["whitespace only", "   "],
    ["two header values", [FIXTURE_SIGNATURE, FIXTURE_SIGNATURE]],
  ])("refuses a %s signature as malformed", (_label, header) => {
    expect(verifyMootaSignature(FIXTURE, header, [FIXTURE_SECRET])).toEqual({ ok: false, reason: "malformed" })
  })

  it("accepts a single-element header array", () => {
    expect(verifyMootaSignature(FIXTURE, [FIXTURE_SIGNATURE], [FIXTURE_SECRET])).toEqual({ ok: true, secretIndex: 0 })
  })

  it.each([
    ["no secrets", []],
    ["only empty secrets", ["", ""]],
  ])("refuses everything with %s", (_label, secrets) => {
    expect(verifyMootaSignature(FIXTURE, FIXTURE_SIGNATURE, secrets)).toEqual({ ok: false, reason: "no_secret" })
    // An empty-key HMAC is still an HMAC: it must not be usable to sign with "no secret".
    expect(verifyMootaSignature(FIXTURE, signMootaBody(FIXTURE, ""), secrets)).toEqual({
      ok: false,
      reason: "no_secret",
    })
  })

  it("round-trips a payload signed by the helper", () => {
    const body = JSON.stringify([{ mutation_id: "abc", amount: 150123, type: "CR" }])
    expect(verifyMootaSignature(body, signMootaBody(body, "s3cret"), ["s3cret"])).toEqual({ ok: true, secretIndex: 0 })
  })

  it("reads the header Node exposes", () => {
    expect(MOOTA_SIGNATURE_HEADER).toBe("signature")
  })
})
