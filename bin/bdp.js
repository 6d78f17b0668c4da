#!/usr/bin/env node
// The `bdp` command: the bundled CLI (built by `npm run build`).
require('../out/main/cli.js');
