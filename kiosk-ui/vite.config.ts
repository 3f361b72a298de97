import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const domainSource = fileURLToPath(new URL('../domain/src/', import.meta.url));

// The daemon serves dist/ and socket.io on one port; in development Vite proxies socket.io to it.
// `vite build --mode kiosk` builds for a production terminal: the demo panel's code is left out.
export default defineConfig(({ mode }) => ({
  base: './',
  plugins: [react()],
  define: {
    __DEMO_PANEL__: JSON.stringify(mode !== 'kiosk'),
  },
  resolve: {
    // bundle the shared domain from its TypeScript source, so the UI build does not wait for tsc
    alias: { '@kiosk/domain': `${domainSource}index.ts` },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // domain modules have no side effects: drop what the UI does not use (demo residents, ...)
      treeshake: { moduleSideEffects: (id: string) => !id.startsWith(domainSource) },
    },
  },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
      // the demo panel's receipt and card face previews
      '/demo/images': { target: 'http://127.0.0.1:8080' },
    },
  },
}));
