// Vite 5 builds the client with esbuild's JSX transform pointed at Preact; no plugin is
// needed for that. The dev server proxies the API to a local `agora serve`.
//
// Message catalogs (src/i18n/messages/*.json) are parsed here, at build time, into the ASTs
// intl-messageformat formats, and the client is built with the parser left out (FormatJS's
// no-parser entry): the parser is most of the library's weight, and no message is parsed in
// the browser. Tests and the dev server keep the parser and read the catalogs as written.
import { defineConfig, type Plugin } from 'vite';
import { parse } from '@formatjs/icu-messageformat-parser';
import { isPlain } from './src/i18n/plain';

function precompileCatalogs(): Plugin {
  return {
    name: 'agora-precompile-catalogs',
    enforce: 'pre',
    transform(code, id) {
      const match = /\/i18n\/messages\/([a-z]{2,3})\.json$/.exec(id);
      if (!match) return null;
      const locale = new Intl.Locale(match[1]);
      const messages = JSON.parse(code) as Record<string, string>;
      // Text with no ICU syntax at all stays text (i18n.ts shows it as it is): most messages.
      const parsed = Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, isPlain(text) ? text : parse(text, { locale })]));
      return { code: JSON.stringify(parsed), map: null }; // still JSON: Vite's JSON plugin makes it a module
    },
  };
}

export default defineConfig(({ command }) => ({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: command === 'build' ? [precompileCatalogs()] : [],
  resolve: command === 'build'
    ? { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] }
    : {},
  build: {
    outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2020',
    // A catalog's chunk is assets/messages-<language>-<hash>.js: the server finds it by that
    // name to preload the reader's catalog with index.html (src/http/static_files.cpp).
    rollupOptions: {
      // The app, and the API reference (/api/docs, served from api-docs.html).
      input: { index: 'index.html', 'api-docs': 'api-docs.html' },
      output: {
        chunkFileNames: (chunk: { facadeModuleId: string | null }) =>
          /\/i18n\/messages\/[a-z]{2,3}\.json$/.test(chunk.facadeModuleId ?? '') ? 'assets/messages-[name]-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  // 127.0.0.1 rather than "localhost": Vite looks the name up at start-up, and a minimal
  // system (a container, a debootstrap root) may have no /etc/hosts entry for it.
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { environment: 'node', setupFiles: ['./checks/setup.ts'] },
} as never));
