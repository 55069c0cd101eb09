"use strict"

/**
 * What the packaging tier takes from the README itself, so that what it runs is what a reader types:
 * the `medusa-config.ts` of the install section and the commands of "Try it without a Moota account".
 */

const fs = require("node:fs")
const path = require("node:path")

const README = path.resolve(__dirname, "..", "..", "README.md")

/** The text of the section under `heading` (up to the next heading of the same or a higher level). */
function section(text, heading) {
  const start = text.indexOf(`\n${heading}\n`)
  if (start < 0) throw new Error(`README.md has no section "${heading}"`)
  const level = heading.match(/^#+/)[0].length
  const rest = text.slice(start + heading.length + 2)
  const next = rest.search(new RegExp(`\\n#{1,${level}} `))
  return next < 0 ? rest : rest.slice(0, next)
}

/** The fenced code blocks of a section, by language. */
function blocks(text, lang) {
  return [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1])
}

function readme() {
  return fs.readFileSync(README, "utf8")
}

/** The medusa-config.ts of "### 3. `medusa-config.ts`". */
function readmeConfig() {
  const [config] = blocks(section(readme(), "### 3. `medusa-config.ts`"), "ts")
  if (!config) throw new Error("README.md's medusa-config.ts section has no ts block")
  return config
}

/**
 * "Try it without a Moota account": the sandbox command, the .env lines it says the sandbox prints,
 * the app's commands and the transfer command, each as written.
 */
function readmeTryIt() {
  const commands = blocks(section(readme(), "## Try it without a Moota account"), "bash").flatMap((b) =>
    b.split("\n").map((l) => l.trim()).filter(Boolean)
  )
  const find = (re, what) => {
    const found = commands.filter((c) => re.test(c))
    if (found.length !== 1) throw new Error(`README.md's try-it section should have one ${what}, has ${found.length}`)
    return found[0]
  }
  return {
    sandbox: find(/^npx medusa-payment-moota sandbox /, "sandbox command"),
    envLines: commands.filter((c) => /^MOOTA_[A-Z_]+=/.test(c)),
    app: commands.filter((c) => /^npx medusa /.test(c)),
    transfer: find(/^npx medusa-payment-moota transfer /, "transfer command"),
  }
}

module.exports = { readmeConfig, readmeTryIt }
