"use strict"

/**
 * (c) of the packaging tier: `npm install git+file://<bare clone>` into a plain consumer project gives
 * a built, working package, as `npm install github:<owner>/medusa-payment-moota` would. The bare clone
 * holds this working tree as it would be committed (tracked and new files, not ignored ones), so the
 * check also covers changes not committed yet.
 */

const fs = require("node:fs")
const path = require("node:path")
const { must, plainEnv } = require("./lib")

const NAME = "medusa-payment-moota"
const root = path.resolve(__dirname, "..", "..")

/** A bare git repository of the working tree (what `git push` of it would hold). */
async function bareClone(tmp) {
  const work = path.join(tmp, "git-work")
  const bare = path.join(tmp, `${NAME}.git`)
  const git = (args, cwd) => must("git", args, { cwd, env: plainEnv({ GIT_AUTHOR_NAME: "pack", GIT_AUTHOR_EMAIL: "pack@example.com", GIT_COMMITTER_NAME: "pack", GIT_COMMITTER_EMAIL: "pack@example.com" }) })
  const { out } = await git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root)
  fs.mkdirSync(work)
  for (const file of out.split("\0").filter(Boolean)) {
    const from = path.join(root, file)
    if (!fs.existsSync(from)) continue // deleted, not yet committed
    fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true })
    fs.copyFileSync(from, path.join(work, file))
  }
  await git(["init", "-q", "-b", "main"], work)
  await git(["add", "-A"], work)
  await git(["commit", "-q", "-m", "snapshot for the packaging tier"], work)
  await git(["clone", "-q", "--bare", work, bare], tmp)
  fs.rmSync(work, { recursive: true, force: true })
  return bare
}

async function checkGitInstall({ tmp, log, timings }) {
  let t0 = Date.now()
  const bare = await bareClone(tmp)
  timings["git: bare clone"] = Date.now() - t0

  const consumer = path.join(tmp, "git-consumer")
  fs.mkdirSync(consumer)
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "moota-git-consumer", version: "0.0.0", private: true }, null, 2) + "\n")
  t0 = Date.now()
  // --prefer-offline (passed on to the install npm runs in its clone): the cache has every package.
  await must("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `git+file://${bare}`], { cwd: consumer })
  timings["git: npm install git+file://"] = Date.now() - t0

  // Built: every exports target present, no sources, and the entries load.
  const installed = path.join(consumer, "node_modules", NAME)
  const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"))
  const missing = Object.values(pkg.exports)
    .flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))
    .filter((t) => !fs.existsSync(path.join(installed, t)))
  if (missing.length) throw new Error(`installed from git without its build: missing ${missing.join(", ")}`)
  if (fs.existsSync(path.join(installed, "src"))) throw new Error("installed from git with its src/ folder: the files list was not applied")
  const loaded = await must("node", ["-e", `const f = require("${NAME}/storefront/format"); console.log(f.formatRupiah(151123))`], { cwd: consumer })
  if (!loaded.out.includes("151.123")) throw new Error(`the storefront entry did not load from the git install:\n${loaded.out}`)
  const help = await must(path.join(consumer, "node_modules", ".bin", NAME), ["sandbox", "--help"], { cwd: consumer })
  if (!help.out.includes("--webhook <url>")) throw new Error(`the CLI did not run from the git install:\n${help.out}`)
  log("npm install git+file://<bare clone>: built, every exports target present, no sources, entries and CLI run")
}

module.exports = { checkGitInstall }
