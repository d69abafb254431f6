import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// API tests run twice: on embedded PGlite and on the PostgreSQL server (TEST_DB).
// SWC compiles the decorators with metadata (esbuild does not emit it).
// type-graphql is inlined, and "graphql" is pinned to the file Node itself loads, so that the
// schema and Apollo Server share one graphql instance.
const require = createRequire(import.meta.url);
const base = {
  include: ["src/**/*.test.ts"],
  setupFiles: ["src/test/setup.ts"],
  testTimeout: 180_000, // generous: CI machines are shared, and a harness start can take a minute under load
  hookTimeout: 300_000,
  server: { deps: { inline: [/type-graphql/] } },
};

export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    ...base,
    projects: [
      { extends: true, test: { name: "pglite", env: { TEST_DB: "pglite" } } },
      { extends: true, test: { name: "postgres", env: { TEST_DB: "postgres" } } },
    ],
  },
});
