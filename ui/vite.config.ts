import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The app runs in WebKitGTK 2.4x (Linux, Tauri) and is tested in Chromium.
export default defineConfig({
  base: './',
  plugins: [svelte()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // The Fluent files live in ../locales (shared with the Rust side).
    fs: { allow: ['..'] },
  },
  build: {
    target: ['es2021', 'chrome105', 'safari15'],
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Everything is bundled: no CDN, no network fonts; keep small assets as files
    // too, so a strict CSP (no data: URLs) is enough.
    assetsInlineLimit: 0,
  },
});
