"use strict"

const path = require("path")
const { RuleTester } = require("eslint")
const tseslint = require("typescript-eslint")
const rule = require("../no-module-writes-in-routes")

const fixture = path.join(__dirname, "fixture")
const filename = path.join(fixture, "route.ts")
const head = `import { MootaModuleService, mootaOf } from "./service"\n`

const tester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true, tsconfigRootDir: fixture },
  },
})

describe("no-module-writes-in-routes", () => {
  tester.run("no-module-writes-in-routes", rule, {
    valid: [
      { filename, code: head + `const m = mootaOf(1); m.getOptions(); m.listMootaReviewItems(); m.retrieveMootaReviewItem("x"); m.countOpenReviewItems()` },
      // A method of the same name on something else is not the module.
      { filename, code: head + `const other = { recordDecision(_x: string) {} }; other.recordDecision("x")` },
    ],
    invalid: [
      {
        filename,
        code: head + `const moota = mootaOf(1); moota.recordDecision("x")`,
        errors: [{ messageId: "write", data: { method: "recordDecision" } }],
      },
      {
        // Through a typed parameter and optional chaining.
        filename,
        code: head + `export function f(s?: MootaModuleService) { return s?.dismissReviewItem("x") }`,
        errors: [{ messageId: "write", data: { method: "dismissReviewItem" } }],
      },
      {
        filename,
        code: head + `mootaOf(1).dismissReviewItem("x")`,
        errors: [{ messageId: "write" }],
      },
    ],
  })
})
