// @ts-check
"use strict"

/**
 * Lets the kit load the project's TypeScript (src/lib) from a plain `node` script. Jest (@swc/jest)
 * compiles TypeScript itself, so there nothing is registered. ts-node (a devDependency) in
 * transpile-only mode with SWC, the same compiler Jest uses: no type-checking at load time
 * (`npm run typecheck` does that), about as fast as plain JavaScript after the first file.
 */
const path = require("node:path")

/** Makes `require` load .ts files in this process, once; not under Jest (its own require compiles them). */
function registerTypeScript() {
  if (typeof jest !== "undefined" || require.extensions[".ts"]) return
  require("ts-node").register({
    project: path.join(__dirname, "..", "tsconfig.json"),
    transpileOnly: true,
    swc: true,
    // Plain `node` runs CommonJS; the files under src are written for it too (package.json has no "type").
    compilerOptions: { module: "commonjs", moduleResolution: "node" },
  })
}

module.exports = { registerTypeScript }
