const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const tiers = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s?(x)", "<rootDir>/scripts/**/__tests__/**/*.unit.spec.[jt]s", "<rootDir>/dev/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:modules": ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
  // Workflow and step tests sit beside the code (src/workflows/__tests__, as core-flows' payment/workflows/__tests__)
  // and run a workflow in a booted app, so they are HTTP-tier specs.
  "integration:http": ["<rootDir>/integration-tests/http/**/*.spec.[jt]s", "<rootDir>/src/workflows/**/__tests__/**/*.spec.[jt]s"],
  browser: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"],
}

const type = process.env.TEST_TYPE ?? "unit"
// Every tier but unit gets a PostgreSQL server from the global setup (outside Jest's VM, where the
// embedded launcher's binary redirection works). Browser tests create their own databases on it.
const needsDb = type !== "unit"

module.exports = {
  transform: {
    // React components (src/storefront): TSX with the automatic runtime, as tsconfig's "jsx": "react-jsx".
    "^.+\\.tsx$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } } } }],
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true }, transform: { decoratorMetadata: true } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  testMatch: tiers[type],
  testPathIgnorePatterns: type === "integration:modules" || type === "integration:http" ? ["\\.unit\\.spec\\."] : [],
  setupFiles: ["<rootDir>/integration-tests/setup/setup.js"],
  ...(needsDb
    ? {
        globalSetup: "<rootDir>/integration-tests/setup/global-setup.js",
        globalTeardown: "<rootDir>/integration-tests/setup/global-teardown.js",
      }
    : {}),
}
