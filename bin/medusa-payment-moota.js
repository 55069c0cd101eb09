#!/usr/bin/env node
"use strict"

// Runs the compiled CLI when the plugin is built (as installed from npm), else the TypeScript source
// through ts-node (inside this repository, before `medusa plugin:build`).
const fs = require("node:fs")
const path = require("node:path")

const built = path.join(__dirname, "..", ".medusa", "server", "src", "sandbox", "cli.js")

let cli
if (fs.existsSync(built)) {
  cli = require(built)
} else {
  require("ts-node").register({
    transpileOnly: true,
    projectSearchDir: path.join(__dirname, ".."),
    compilerOptions: { module: "commonjs" },
  })
  cli = require(path.join(__dirname, "..", "src", "sandbox", "cli.ts"))
}

cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    process.stderr.write(`Error: ${error && error.message ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
