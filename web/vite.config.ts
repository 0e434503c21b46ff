import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Root is web/ (`vite build web`); the server serves web/dist at '/'.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is above the default 500 kB warning; the budget that matters is the
    // initial gzip size (≤ 300 kB), measured from the build output.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000' },
  },
  preview: {
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
