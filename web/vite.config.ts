import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// `npm run dev` and `vite preview` proxy the API to the server on PORT (as `npm start` reads it).
const api = `http://localhost:${process.env.PORT || 4000}`;

// Root is web/ (`vite build web`); the server serves web/dist at '/'.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // ECharts alone is above the default 500 kB warning; the budget that matters is the
    // initial gzip size (≤ 300 kB), measured from the build output.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { "/graphql": api },
  },
  preview: {
    proxy: { "/graphql": api },
  },
});
