import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

const commonSrc = fileURLToPath(new URL('../common/src', import.meta.url));

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@common': commonSrc },
  },
  server: {
    port: 5173,
    // ws: the realtime socket (/api/ws) goes through the same proxy.
    proxy: { '/api': { target: 'http://localhost:3000', ws: true } },
    // The locales live in common/, outside this package's root.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
