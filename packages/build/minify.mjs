/**
 * Vite does not minify whitespace and names of ES library builds (it keeps pure annotations for
 * tree-shaking downstream). Our library builds are final — the browser loads them through the import
 * map — so minify each chunk fully with esbuild.
 */
import { transform } from "esbuild";

export function minifyEsLibrary() {
  return {
    name: "zw-minify-es-library",
    apply: "build",
    // After every renderChunk (Vite's own esbuild pass re-prints ES library output with whitespace).
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk") continue;
        const r = await transform(chunk.code, { minify: true, format: "esm", target: "es2022", legalComments: "none" });
        chunk.code = r.code;
        chunk.map = null;
      }
    },
  };
}
