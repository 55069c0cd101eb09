import { MootaApiError } from "../errors"
import { mootaProblemOf } from "../problem"

const http = (status: number) => new MootaApiError({ message: `GET /x answered ${status}`, status, endpoint: "GET /x", retriable: false, code: "http" })

describe("mootaProblemOf", () => {
  it("turns a failed Moota call into what the merchant should do", () => {
    expect(mootaProblemOf(http(401))).toBe("token_refused")
    expect(mootaProblemOf(http(403))).toBe("token_refused")
    expect(mootaProblemOf(http(404))).toBe("not_offered")
    expect(mootaProblemOf(http(429))).toBe("rate_limited")
    expect(mootaProblemOf(http(503))).toBe("moota_down")
    expect(mootaProblemOf(http(422))).toBe("refused")
    expect(mootaProblemOf(new MootaApiError({ message: "t", status: null, endpoint: "GET /x", retriable: true, code: "timeout" }))).toBe(
      "unreachable"
    )
    expect(mootaProblemOf(new MootaApiError({ message: "n", status: 200, endpoint: "GET /x", retriable: false, code: "invalid_response" }))).toBe(
      "unreadable"
    )
    expect(mootaProblemOf(new Error("boom"))).toBe("unexpected")
  })
})
