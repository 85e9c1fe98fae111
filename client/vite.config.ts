import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In `npm run dev` the API, the original form routes and the session live on the server
// (port 4000); Vite serves the client and forwards them, so the browser sees one origin.
const server = 'http://localhost:4000';
const formRoutes = [
  '/register',
  '/login',
  '/logout',
  '/add_expense',
  '/Setbudget',
  '/budget_categories',
  '/forgot_password',
  '/reset_password',
];

// A form route is only proxied when it is posted (or /logout, which is a GET on the server):
// a GET of /login is the client's own page.
const proxy = Object.fromEntries([
  ['/graphql', { target: server, changeOrigin: false }],
  ['/healthz', { target: server, changeOrigin: false }],
  ...formRoutes.map((route) => [
    `^${route}(/.*)?$`,
    {
      target: server,
      changeOrigin: false,
      bypass: (req: { method?: string; url?: string }) =>
        req.method === 'POST' || route === '/logout' ? undefined : req.url,
    },
  ]),
]);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // react-apexcharts/core and the chart-type modules must share one ApexCharts instance.
  resolve: { dedupe: ['apexcharts'] },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    // `npm run build` (scripts/build.mjs) builds into a new folder of builds/ instead, then swaps
    // dist over to it; this is for a bare `vite build`.
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco (the playground's editor) is large; it loads only on /playground.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's modules start with React Compiler's "use no memo"; bundling drops it harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
