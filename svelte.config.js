import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // KELAN_BUILD_DIR and KELAN_KIT_DIR let several builds run side by side (parallel test runs); both default to SvelteKit's own.
    adapter: adapter({ pages: process.env.KELAN_BUILD_DIR || 'build', assets: process.env.KELAN_BUILD_DIR || 'build', fallback: undefined, precompress: true }),
    outDir: process.env.KELAN_KIT_DIR || '.svelte-kit',
    // Content-Security-Policy. Every page is prerendered, so SvelteKit writes it as a <meta http-equiv> tag
    // with the SHA-256 of the one inline script it emits (its bootstrap); no other inline script, inline
    // event handler or javascript: URL runs. static/boot.js is the only script of our own outside the bundle.
    // A meta tag cannot say frame-ancestors (nor report-uri or sandbox): the embed is meant to be framed
    // by other sites anyway; a server that wants to limit framing of the other pages must send that header.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // wasm-unsafe-eval compiles WebAssembly (DuckDB-WASM) and nothing else: eval and new Function stay refused.
        'script-src': ['self', 'wasm-unsafe-eval'],
        // DuckDB-WASM's worker is a same-origin file (src/lib/db/duckdb.ts); no blob: worker is made.
        'worker-src': ['self'],
        // The data (Parquet, run.json) and the wasm come from the site itself.
        'connect-src': ['self'],
        // The PNG export draws the chart's SVG from a blob: URL into a canvas.
        'img-src': ['self', 'data:', 'blob:'],
        // Observable Plot writes <style> elements and style attributes into each chart; Svelte sets style attributes.
        'style-src': ['self', 'unsafe-inline'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
    typescript: {
      config(tsconfig) {
        // apache-arrow 13 ships no "exports" types; point at its d.ts (stack-facts pitfall 8).
        tsconfig.compilerOptions.paths = {
          ...(tsconfig.compilerOptions.paths ?? {}),
          'apache-arrow': ['../node_modules/apache-arrow/Arrow.dom.d.ts']
        };
        tsconfig.include = [...(tsconfig.include ?? []), '../pipelines/**/*.ts', '../tests/**/*.ts', '../bench/*.ts'];
        return tsconfig;
      }
    }
  }
};

export default config;
