/**
 * Build and dev server for the admin SPA. Run from the repository root:
 *   vite --config admin/vite.config.ts          (dev, proxies /api to the platform on :3000)
 *   vite build --config admin/vite.config.ts    (writes admin/dist, served under /admin/)
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const adminDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: adminDir,
  base: '/admin/',
  plugins: [react()],
  server: {
    // Host is kept as-is (no changeOrigin) so the server's same-origin checks see the dev origin.
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React and the router change rarely: one long-lived chunk. antd is left to the
            // automatic splitting so each lazy screen only pulls the components it uses.
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
