/**
 * Vite config for a micro-frontend (mfe-*): a library-mode ES build of src/main.tsx (the single-spa
 * lifecycles) into dist/<version>/index.js, with every shared name external (resolved by the import
 * map at run time), plus dist/<version>/manifest.json (the module's manifest with its version).
 * `vite` (dev server) runs the module standalone (index.html → src/standalone.tsx) with /graphql proxied
 * to the API (API_URL, default http://127.0.0.1:8110).
 */
import fs from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { minifyEsLibrary } from "./minify.mjs";
import { isShared } from "./shared-names.mjs";

/** Budget for a module's own code (gzip), checked after each build. */
export const MODULE_BUDGET_GZIP = 150 * 1024;

export function mfeConfig({ root, devPort = 5173 }) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "manifest.json"), "utf8"));
  const outDir = path.join(root, "dist", pkg.version);
  return defineConfig(({ command }) => ({
    root,
    plugins: [react(), command === "build" ? minifyEsLibrary() : null, command === "build" ? manifestPlugin(pkg, manifest) : null, command === "build" ? budgetPlugin(outDir) : null],
    define: command === "build" ? { "process.env.NODE_ENV": '"production"' } : {},
    build: {
      outDir,
      emptyOutDir: true,
      minify: "esbuild",
      sourcemap: false,
      target: "es2022",
      cssCodeSplit: false,
      lib: { entry: path.join(root, "src", "main.tsx"), formats: ["es"], fileName: () => "index.js" },
      rollupOptions: {
        external: (id) => isShared(id),
        output: { chunkFileNames: "chunks/[name]-[hash].js", assetFileNames: "assets/[name]-[hash][extname]" },
      },
    },
    server: {
      host: "127.0.0.1",
      port: devPort,
      strictPort: false,
      proxy: { "/graphql": { target: process.env.API_URL || "http://127.0.0.1:8110", ws: true, changeOrigin: true } },
    },
    test: { environment: "happy-dom", css: true, include: ["src/**/*.test.{ts,tsx}"] },
  }));
}

function manifestPlugin(pkg, manifest) {
  return {
    name: "zw-mfe-manifest",
    generateBundle() {
      const out = { ...manifest, package: pkg.name, version: pkg.version, entry: "index.js", builtAt: new Date().toISOString() };
      this.emitFile({ type: "asset", fileName: "manifest.json", source: JSON.stringify(out, null, 2) + "\n" });
    },
  };
}

function budgetPlugin(outDir) {
  return {
    name: "zw-mfe-budget",
    async closeBundle() {
      const zlib = await import("node:zlib");
      let total = 0;
      const walk = (d) => {
        for (const f of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, f.name);
          if (f.isDirectory()) walk(p);
          else if (/\.(js|css)$/.test(f.name)) total += zlib.gzipSync(fs.readFileSync(p)).length;
        }
      };
      if (fs.existsSync(outDir)) walk(outDir);
      const kb = (total / 1024).toFixed(1);
      if (total > MODULE_BUDGET_GZIP) throw new Error(`module code is ${kb} KB gzip, over the ${MODULE_BUDGET_GZIP / 1024} KB budget`);
      console.log(`[zw] module code ${kb} KB gzip (budget ${MODULE_BUDGET_GZIP / 1024} KB)`);
    },
  };
}
