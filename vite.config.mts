import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: true,
    rolldownOptions: {
      // A feature's index.ts only re-exports: importing one name from it must not pull in the
      // feature's other modules (that would undo the lazy chunks of the designer, Monaco, ...).
      treeshake: {
        moduleSideEffects: [
          { test: /\/renderer\/features\/[^/]+\/index\.ts$/, sideEffects: false },
          { test: /./, sideEffects: true },
        ],
      },
    },
  },
  worker: { format: 'es' },
});
