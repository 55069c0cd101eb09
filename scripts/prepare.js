#!/usr/bin/env node
"use strict"

/**
 * `prepare`: builds the plugin when a package manager installs it from a git URL
 * (`npm install github:owner/medusa-payment-moota`, `git+https://...`, `git+file://...`), since a git
 * checkout has no compiled `.medusa/server`. npm runs `prepare` for such a dependency after installing
 * its devDependencies in a temporary clone, then packs that clone.
 *
 * In this repository's own `npm ci` / `npm install` it does nothing: contributors run the sources
 * (tests, `npm run dev`), `npm pack` and `npm publish` build through `prepack`, and a build here would
 * add about a minute to every install. MOOTA_PREPARE_BUILD=1 forces the build, =0 skips it.
 */

const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const env = process.env

function ownInstall() {
  // npm's git-dependency preparation: the nested `npm install` in the clone, and the prepare it runs
  // before packing the clone (from the consumer's npm, whose INIT_CWD is the consumer's folder).
  if (env._PACOTE_NO_PREPARE_ || env.npm_package_resolved) return false
  // Other package managers (yarn, pnpm) prepare git dependencies too: build for them.
  if (!/^npm\//.test(env.npm_config_user_agent || "")) return false
  // npm ci / npm install typed in this folder.
  return path.resolve(env.INIT_CWD || "") === root
}

const forced = env.MOOTA_PREPARE_BUILD
const built = fs.existsSync(path.join(root, ".medusa", "server", "src", "sandbox", "cli.js"))
if (forced === "0" || (forced !== "1" && (ownInstall() || built))) {
  process.exit(0)
}

process.stdout.write("medusa-payment-moota: building the plugin (installed from git)\n")
const npm = process.platform === "win32" ? "npm.cmd" : "npm"
const result = spawnSync(npm, ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" })
process.exit(result.status === null ? 1 : result.status)
