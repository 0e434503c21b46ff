import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// `npm run dev` and `vite preview` proxy the API to the server on PORT (as `npm start` reads it).
const api = `http://localhost:${process.env.PORT || 4000}`;

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// Root is web/ (`vite build web`); the server serves web/dist at '/'.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // ECharts alone is above the default 500 kB warning, and the explorer's Monaco editor is
    // about 2.8 MB; the budget that matters is the dashboards' initial gzip size (≤ 300 kB per
    // page), measured in the browser by test/browser/budget.test.ts.
    chunkSizeWarningLimit: 3000,
    // Two pages: the dashboards, and the API explorer (GraphiQL, served at GET /graphql), which
    // shares no chunk with the dashboards and is far larger (React + the Monaco editor).
    rollupOptions: {
      input: { main: page("index.html"), explorer: page("explorer.html") },
      // React libraries mark modules "use client" (meaningless in a plain bundle): not a warning.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
  // Monaco's workers import modules: build them as ES module workers.
  worker: { format: "es" },
  server: {
    proxy: { "/graphql": api },
  },
  preview: {
    proxy: { "/graphql": api },
  },
});
