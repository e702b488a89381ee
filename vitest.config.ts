import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// One config for the whole suite. The database (SQLite by default, PostgreSQL when
// DATABASE_URL says postgres://) is chosen by the environment, never assumed.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/env.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
    reporters: ["default"],
    // The UI extension tester imports the extension's module itself: inlined, that import
    // goes through Vite and so understands TypeScript and JSX.
    server: { deps: { inline: ["@shopify/ui-extensions-tester"] } },
  },
});
