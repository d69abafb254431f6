import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// The long reliability suite (`pnpm --filter @zw/api run reliability`): real PostgreSQL server restarts
// under load, SIGKILL of the API mid-batch, a 10-minute soak, a long fuzz. Not part of `npm test`.
// Files run one after another (they restart the server and measure the machine). Figures go to
// docs/reliability.md. RELIABILITY_ONLY=soak (a word of a file name) runs one of them.
const require = createRequire(import.meta.url);
const only = process.env.RELIABILITY_ONLY;
export default defineConfig({
  plugins: [swc.vite({ module: { type: "es6" } })],
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
  test: {
    include: [only ? `src/reliability/long/*${only}*.long.ts` : "src/reliability/long/*.long.ts"],
    setupFiles: ["src/test/setup.ts"],
    testTimeout: 3_600_000,
    hookTimeout: 1_200_000,
    fileParallelism: false,
    server: { deps: { inline: [/type-graphql/] } },
    env: { TEST_DB: "postgres" },
  },
});
