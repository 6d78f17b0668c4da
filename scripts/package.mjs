// `npm run package`: the desktop installers with electron-builder, after the build. Without an
// Electron binary (no network here) it stops with one line saying so, not a stack trace.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const electron = electronBinary();
if (!electron.path) {
  console.error(
    `npm run package: ${electron.reason}; packaging needs it. Run it where the Electron download works, or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron.`,
  );
  process.exit(1);
}
for (const [cmd, args] of [
  ['npm', ['run', 'build']],
  ['npx', ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)]],
]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
