// `npm start`: the desktop app in Electron; where no Electron binary can be had (or there is no
// display), say why in one line and start the web shell on the sample workspace instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function electronBinary() {
  if (process.env.BDP_WEB === '1') return { reason: 'BDP_WEB=1 asks for the web shell' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  // require('electron') downloads the binary on first use (Electron >= 42 installs lazily).
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: process.cwd(),
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout.trim() };
  // The errors Node printed ("TypeError: fetch failed", "Error: Electron failed to install..."), not its last line.
  const errors = (probe.stderr || '').split('\n').map((l) => /^\w*Error: (.+)$/.exec(l.trim())?.[1]).filter(Boolean);
  const detail = errors.join('; ') || probe.error?.message || `exit ${probe.status}`;
  return { reason: `the Electron binary could not be obtained (${detail})` };
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
if (electron.path) {
  run(electron.path, ['.', '--sample', ...passThrough]);
} else {
  console.log(`Electron unavailable: ${electron.reason}; starting the web shell instead.`);
  require.resolve('../out/main/cli.js');
  run(process.execPath, ['out/main/cli.js', 'serve', '--sample', ...passThrough]);
}
