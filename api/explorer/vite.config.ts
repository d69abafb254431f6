import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The explorer is one static page served by the API process at /developers/explorer/ (no CDN):
// relative asset URLs, hashed file names, React and GraphiQL bundled in.
export default defineConfig({
  base: "./",
  plugins: [react()],
  define: { "process.env.NODE_ENV": '"production"' },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    sourcemap: false,
  },
});
