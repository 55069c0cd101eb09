"use strict"

/** Small file helpers shared by the launcher's parts. */

const fs = require("fs")
const os = require("os")

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function exists(p) {
  try {
    fs.lstatSync(p)
    return true
  } catch {
    return false
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    return null
  }
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n", { mode: 0o600 })
}

/** Folders for the binaries' copy and the temporary clusters: the OS temp folder, then /tmp. */
function cacheRoots() {
  return [...new Set([os.tmpdir(), "/tmp"])]
}

module.exports = { sleep, exists, readJson, writeJson, cacheRoots }
