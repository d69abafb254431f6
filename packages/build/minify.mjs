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
    async renderChunk(code) {
      const r = await transform(code, { minify: true, format: "esm", target: "es2022", legalComments: "none" });
      return { code: r.code, map: null };
    },
  };
}
