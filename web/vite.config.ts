// Vite 5 builds the client with esbuild's JSX transform pointed at Preact; no plugin is
// needed. The dev server proxies the API to a local `agora serve`.
import { defineConfig } from 'vite';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2020' },
  // 127.0.0.1 rather than "localhost": Vite looks the name up at start-up, and a minimal
  // system (a container, a debootstrap root) may have no /etc/hosts entry for it.
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { environment: 'node' },
} as never);
