import path from 'node:path';
import { defineConfig } from 'vite';

// The web UI, served by the API at /ui/. Vite 8 transforms TSX itself (oxc); no dev server is needed: the build
// goes to dist/web, where the API finds it. (.mts: loaded as ESM, like the rest of the tooling.)
export default defineConfig({
  root: import.meta.dirname,
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // rjsf marks its hooks 'use client' (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
