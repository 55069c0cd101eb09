#!/usr/bin/env node
"use strict"

/**
 * `prepack` / `postpack`: the packed package.json has no `prepare` script. `prepare` only builds a
 * git install (scripts/prepare.js, which the tarball does not even ship); left in the tarball, npm 11
 * lists it to everyone installing the tarball as an install script to review ("not yet covered by
 * allowScripts"). `strip` removes it before npm packs, `restore` puts package.json back after.
 * A backup left by an interrupted pack is restored first.
 */

const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const manifest = path.join(root, "package.json")
const backup = path.join(root, ".package.json.before-pack")

function restore() {
  if (fs.existsSync(backup)) {
    fs.copyFileSync(backup, manifest)
    fs.rmSync(backup)
  }
}

const command = process.argv[2]
if (command === "strip") {
  restore()
  const text = fs.readFileSync(manifest, "utf8")
  const pkg = JSON.parse(text)
  if (pkg.scripts && pkg.scripts.prepare) {
    fs.writeFileSync(backup, text)
    delete pkg.scripts.prepare
    fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n")
  }
} else if (command === "restore") {
  restore()
} else {
  process.stderr.write("usage: node scripts/pack-manifest.js strip|restore\n")
  process.exit(2)
}
