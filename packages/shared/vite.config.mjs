/**
 * The shared bundle: library mode, one entry per import-map name (generated in .entries/), minified.
 * Rollup puts each library once into shared chunks, so every name resolves to one instance.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { minifyEsLibrary } from "@zw/build/minify";
import { SHARED_NAMES, entryFileName } from "@zw/build/shared-names";

const root = path.dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const entry = Object.fromEntries(SHARED_NAMES.map((n) => [entryFileName(n), path.join(root, ".entries", `${entryFileName(n)}.js`)]));

export default defineConfig({
  root,
  plugins: [react(), minifyEsLibrary()],
  define: { "process.env.NODE_ENV": '"production"' },
  build: {
    outDir: path.join(root, "dist", version),
    emptyOutDir: true,
    minify: "esbuild",
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4000,
    lib: { entry, formats: ["es"], fileName: (_f, name) => `${name}.js` },
    rollupOptions: {
      preserveEntrySignatures: "strict",
      output: { chunkFileNames: "chunks/[name]-[hash].js", assetFileNames: "assets/[name]-[hash][extname]" },
    },
  },
});
