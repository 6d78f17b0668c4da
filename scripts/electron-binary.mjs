// Where the Electron binary is, or why it cannot be had (shared by `npm start` and `npm run package`).
import { spawnSync } from 'node:child_process';

/** `{ path }` of the Electron binary, or `{ reason }` in one line. */
export function electronBinary() {
  // require('electron') downloads the binary on first use (Electron >= 42 installs lazily).
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout.trim() };
  // The errors Node printed ("TypeError: fetch failed", "Error: Electron failed to install..."), not its last line.
  const errors = (probe.stderr || '')
    .split('\n')
    .map((l) => /^\w*Error: (.+)$/.exec(l.trim())?.[1])
    .filter(Boolean);
  const detail = errors.join('; ') || probe.error?.message || `exit ${probe.status}`;
  return { reason: `the Electron binary could not be obtained (${detail})` };
}
