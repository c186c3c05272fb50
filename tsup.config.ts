import { defineConfig } from 'tsup';

export default defineConfig({
  // task-worker: the entry of the JavaScript worker threads (src/core/task-pool.ts), found next to the bundles.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'task-worker': 'src/task-worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: false,
  shims: true,
});
