// `npm start`: the desktop app in Electron; where no Electron binary can be had (or there is no
// display), say why in one line and start the web shell on the sample workspace instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function electronOrReason() {
  if (process.env.BDP_WEB === '1') return { reason: 'BDP_WEB=1 asks for the web shell' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  }
  return electronBinary();
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronOrReason();
if (electron.path) {
  run(electron.path, ['.', '--sample', ...passThrough]);
} else {
  console.log(`Electron unavailable: ${electron.reason}; starting the web shell instead.`);
  require.resolve('../out/main/cli.js');
  run(process.execPath, ['out/main/cli.js', 'serve', '--sample', ...passThrough]);
}
