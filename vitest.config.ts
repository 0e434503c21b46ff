import { defineConfig } from "vitest/config";

// Three projects: pure unit tests (no database, no DOM), integration tests against a real
// PostgreSQL (embedded unless DATABASE_URL is set), and browser tests in headless Chromium.
// Integration and browser share one PostgreSQL and one migrated, seeded template per run
// (test/helpers/global-setup.ts); the browser project also builds the web app once per run,
// and only if web/ changed since the last build (test/browser/helpers/web-setup.ts).
export default defineConfig({
  // type-graphql loads graphql's CommonJS build; make ESM imports in our code use the same copy,
  // or graphql's instanceof checks fail ("Cannot use GraphQLObjectType from another module").
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/helpers/global-setup.ts"],
          hookTimeout: 120_000,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/helpers/global-setup.ts", "test/browser/helpers/web-setup.ts"],
          hookTimeout: 180_000,
          testTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
