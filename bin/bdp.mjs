#!/usr/bin/env node
// The `bdp` command: the bundled CLI (built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('bdp: the CLI is not built yet: run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
await import(cli);
