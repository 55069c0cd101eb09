#!/usr/bin/env node
"use strict"

/**
 * `npm run test:package`: the package as a user gets it. `npm pack` (which builds), a look at the
 * tarball (every exports target present, typed), then in temp folders outside the repository:
 *   (b) storefront projects (React 18, React 19) install it with a plain `npm install` and typecheck
 *       every public entry under moduleResolution node, node16 and bundler; internals stay closed;
 *   (a) a plain Medusa app (package.json, medusa-config.ts, tsconfig as create-medusa-app writes them)
 *       installs it, is configured as the README says, and follows the README's "Try it without a
 *       Moota account" (sandbox, .env lines, migrate, build, boot, checkout, transfer) to a captured
 *       order;
 *   (c) a plain consumer installs it from a bare git clone (`npm install git+file://...`) and gets it
 *       built; run beside (a) and (b), since it mostly waits for npm.
 * Everything listens on 127.0.0.1, stops by itself and removes its temp folders (PACK_KEEP=1 keeps them).
 * PACK_MEDUSA_VERSION picks the app's Medusa release (default 2.21.2).
 */

const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { must, killAll, seconds } = require("./lib")
const { checkStorefronts } = require("./storefront")
const { checkMedusaApp } = require("./medusa-app")
const { checkGitInstall } = require("./git-install")

const root = path.resolve(__dirname, "..", "..")

function log(line) {
  process.stdout.write(`[pack] ${line}\n`)
}

/** Every file the exports map points at must be in the tarball, each entry with its declarations. */
async function checkTarball(tarball) {
  const { out } = await must("tar", ["-tzf", tarball], { cwd: root })
  const files = new Set(out.split("\n").map((f) => f.replace(/^package\//, "")))
  const pkg = require(path.join(root, "package.json"))
  const missing = []
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const targets = typeof target === "string" ? [target] : Object.values(target)
    for (const t of targets) if (!files.has(t.replace(/^\.\//, ""))) missing.push(`${entry} -> ${t}`)
    if (typeof target !== "string" && entry !== "./admin" && !target.types) missing.push(`${entry} has no "types" condition`)
  }
  if (missing.length) throw new Error(`the tarball lacks what the exports map names:\n${missing.join("\n")}`)
  const leaked = [...files].filter((f) => /(^|\/)(__tests__|integration-tests)\/|^src\/|\.spec\.|medusa-config/.test(f))
  if (leaked.length) throw new Error(`the tarball ships files users never need:\n${leaked.slice(0, 20).join("\n")}`)
  log(`tarball: ${files.size} files, every exports target present and typed`)
}

async function main() {
  const started = Date.now()
  const timings = {}
  // Outside the repository, and traversable: embedded PostgreSQL runs as the postgres user when root.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "moota-pack-"))
  fs.chmodSync(tmp, 0o755)
  const cleanup = () => {
    killAll()
    if (process.env.PACK_KEEP === "1") log(`kept ${tmp}`)
    else fs.rmSync(tmp, { recursive: true, force: true })
  }
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      cleanup()
      process.exit(130)
    })
  }
  let failed = null
  try {
    let t0 = Date.now()
    log("npm pack (builds the plugin first)")
    await must("npm", ["pack", "--pack-destination", tmp], { cwd: root })
    const tarball = path.join(tmp, fs.readdirSync(tmp).find((f) => f.endsWith(".tgz")))
    timings["npm pack"] = Date.now() - t0
    await checkTarball(tarball)

    const gitStarted = Date.now()
    const git = checkGitInstall({ tmp, log, timings }).then(
      () => {
        timings["git install (beside the rest)"] = Date.now() - gitStarted
      },
      (e) => e
    )

    t0 = Date.now()
    await checkStorefronts({ tmp, tarball, log })
    timings["storefront projects"] = Date.now() - t0

    t0 = Date.now()
    await checkMedusaApp({ tmp, tarball, log, timings })
    timings["medusa app"] = Date.now() - t0
    t0 = Date.now()
    const gitFailure = await git
    if (gitFailure) throw gitFailure
    timings["waiting for the git install"] = Date.now() - t0
  } catch (e) {
    failed = e
  } finally {
    cleanup()
  }
  for (const [name, ms] of Object.entries(timings)) log(`  ${name}: ${seconds(ms)}`)
  log(`packaging tier took ${seconds(Date.now() - started)}`)
  if (failed) {
    process.stderr.write(`[pack] FAILED: ${failed.stack || failed}\n`)
    process.exit(1)
  }
  log("passed")
}

main()
