#!/usr/bin/env node
// The `bdp` command: the bundled CLI (built by `npm run build`).
import('../out/main/cli.js');
