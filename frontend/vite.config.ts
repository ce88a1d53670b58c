/// <reference types="vitest/config" />
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/** Write `.br` and `.gz` next to every script and stylesheet of the build: the API serves the smallest one the
 * browser accepts (backend/spa.py) without compressing on every request. */
function precompress(): Plugin {
  return {
    name: 'interviewflow-precompress',
    apply: 'build',
    writeBundle(options) {
      const assets = join(options.dir ?? 'dist', 'assets')
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue
        const body = readFileSync(join(assets, name))
        writeFileSync(join(assets, `${name}.gz`), gzipSync(body, { level: 9 }))
        writeFileSync(join(assets, `${name}.br`), brotliCompressSync(body))
      }
    },
  }
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
  build: {
    // bench/spa_size.py reads the manifest to report what each page downloads (`make build` prints it).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React, React DOM and the router change with upgrades only: a chunk of their own stays cached
            // across releases of the app.
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              tags: ['$initial'],
              priority: 2,
            },
            // Popovers, selects and tooltips position themselves with floating-ui: only the pages that have
            // one download it (left to the automatic chunking, it rides along with common chunks).
            { name: 'floating-ui', test: /node_modules[\\/]@floating-ui[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
  },
})
