// Lint: typescript-eslint's recommended rules over the sources, tests and scripts, and one rule of
// the project's own: routes never write through the Moota module (they run a workflow).
import js from "@eslint/js"
import tseslint from "typescript-eslint"
import reactHooks from "eslint-plugin-react-hooks"
import noModuleWritesInRoutes from "./scripts/lint/no-module-writes-in-routes.js"

export default tseslint.config(
  {
    ignores: ["node_modules/**", ".medusa/**", "dist/**", "coverage/**", "browser-artifacts/**", "bench-results/**", "**/migrations/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly",
        Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly",
        clearInterval: "readonly", setImmediate: "readonly", URL: "readonly", fetch: "readonly",
        AbortController: "readonly", TextEncoder: "readonly", TextDecoder: "readonly", window: "readonly",
        document: "readonly", navigator: "readonly", exports: "writable", performance: "readonly",
        structuredClone: "readonly", queueMicrotask: "readonly", AbortSignal: "readonly", Response: "readonly",
        Request: "readonly", Headers: "readonly", Blob: "readonly", FormData: "readonly", crypto: "readonly",
      },
    },
    rules: {
      // `let x = null; try { x = parse() } catch { ... }` is this codebase's idiom for "unknown until
      // parsed"; the rule reads the initialiser as useless.
      "no-useless-assignment": "off",
      // Unused names starting with "_" are deliberate (an ignored argument or rest sibling).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    // Tests feed deliberately ill-typed input (hostile bodies, partial Medusa objects).
    // The demo storefront reads Medusa's store API untyped on purpose (a real one uses the JS SDK's types).
    files: ["**/__tests__/**", "integration-tests/**", "scripts/**", "dev/**", "test-kit/**", "demo/**"],
    languageOptions: { globals: { describe: "readonly", it: "readonly", test: "readonly", expect: "readonly", jest: "readonly", beforeAll: "readonly", afterAll: "readonly", beforeEach: "readonly", afterEach: "readonly" } },
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Routes, jobs and subscribers start a workflow for every write (CONTRIBUTING, Code layout).
    files: ["src/api/**/*.ts", "src/jobs/**/*.ts", "src/subscribers/**/*.ts"],
    ignores: ["**/__tests__/**"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { moota: { rules: { "no-module-writes-in-routes": noModuleWritesInRoutes } } },
    rules: { "moota/no-module-writes-in-routes": "error" },
  },
)
