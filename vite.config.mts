import { defineConfig } from 'vite';

// The renderer is plain React with the automatic JSX runtime; Vite's own transform handles TSX.
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows 'self' only.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1' },
});
