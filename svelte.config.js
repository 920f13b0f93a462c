import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ fallback: undefined }),
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
