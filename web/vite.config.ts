import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` (root) runs the API on :3000 and this dev server with hot reload, proxying /api to it.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } } },
  build: { outDir: 'dist', sourcemap: true, target: 'es2022' },
});
