import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is a static site: everything runs in the browser, data lives in IndexedDB.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', fs: { allow: ['.'] } },
  build: { target: 'es2022', sourcemap: true },
});
