// Before the suites (`npm test`): every program they use must be here. Missing ones are
// installed with apt-get when this runs as root on Debian/Ubuntu; otherwise it stops at once,
// one line per missing piece with how to get it. Nothing is skipped silently later on.
// `--only git,python3,bash` checks a subset (what `npm start` needs for pre-runs).
import { execFileSync } from 'node:child_process';
import { TOOLS as ALL } from './lib/tools.mjs';

const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1].split(',')
  : undefined;
const TOOLS = only ? ALL.filter((t) => only.includes(t.name)) : ALL;
const missing = () => TOOLS.filter((t) => !t.find());
let absent = missing();
const root = process.getuid?.() === 0;
const apt = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (absent.length > 0 && root && apt) {
  const packages = absent.flatMap((t) => t.apt);
  console.log(
    `setup: installing ${absent.map((t) => t.name).join(', ')} (apt-get install ${packages.join(' ')})`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  absent = missing();
}
if (absent.length > 0) {
  for (const t of absent) {
    const how = apt ? `sudo apt-get install ${t.apt.join(' ')}` : t.hint;
    console.error(`setup: ${t.name} is missing: ${how}`);
  }
  process.exit(1);
}
console.log(`setup: ${TOOLS.map((t) => t.name).join(', ')} found`);
