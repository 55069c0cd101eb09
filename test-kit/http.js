// @ts-check
"use strict"

/**
 * fetch + JSON against `baseUrl`; throws with the answer on a non-2xx status.
 *
 * @param {string} baseUrl
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body] sent as JSON
 * @param {Record<string, string>} [headers]
 * @returns {Promise<any>}
 */
async function requestJson(baseUrl, method, path, body, headers = {}) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`)
  return text ? JSON.parse(text) : null
}

module.exports = { requestJson }
