import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // KELAN_BUILD_DIR and KELAN_KIT_DIR let several builds run side by side (parallel test runs); both default to SvelteKit's own.
    adapter: adapter({ pages: process.env.KELAN_BUILD_DIR || 'build', assets: process.env.KELAN_BUILD_DIR || 'build', fallback: undefined, precompress: true }),
    outDir: process.env.KELAN_KIT_DIR || '.svelte-kit',
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
