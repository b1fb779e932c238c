import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const commonSrc = fileURLToPath(new URL('../common/src', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@common': commonSrc },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
    // The locales live in common/, outside this package's root.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
