import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const shared = [source('../domain/src/'), source('../fleet-monitor/src/')];

// The fleet monitor serves dist/ and socket.io on one port; in development Vite proxies the API
// and socket.io to it. The shared contracts are bundled from their TypeScript source.
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: {
    alias: {
      '@kiosk/domain': source('../domain/src/index.ts'),
      '@kiosk/fleet-monitor/dashboard': source('../fleet-monitor/src/dashboard/dashboard.contract.ts'),
      '@kiosk/fleet-monitor/dashboard-outbound': source(
        '../fleet-monitor/src/dashboard/dashboard-outbound.ts',
      ),
      '@kiosk/fleet-monitor/fleet-order': source('../fleet-monitor/src/dashboard/fleet-order.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // the shared contracts have no side effects: drop the schemas the page does not use
      treeshake: { moduleSideEffects: (id: string) => !shared.some((folder) => id.startsWith(folder)) },
    },
  },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8090', ws: true },
      '/auth': { target: 'http://127.0.0.1:8090' },
    },
  },
});
