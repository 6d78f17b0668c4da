// The programs the test suites use, found on this machine (never a hard-coded path), with the
// Debian package and the hint to get each. Shared by scripts/setup-tools.mjs, the benches and the tests.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The first of `names` on PATH, as an absolute path. */
function onPath(...names) {
  for (const name of names) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (found) return found;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** Chromium for Playwright: `BDP_CHROMIUM`, else chromium / chromium-browser / google-chrome on PATH. */
export function findChromium() {
  if (process.env.BDP_CHROMIUM && existsSync(process.env.BDP_CHROMIUM)) return process.env.BDP_CHROMIUM;
  return onPath('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable');
}

/** The bin folder of the newest PostgreSQL with `initdb` (Debian keeps it off PATH). */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  const initdb = onPath('initdb');
  return initdb ? join(initdb, '..') : undefined;
}

/** MariaDB's server and its install-db tool, for the MySQL-protocol tests. */
export function findMariadb() {
  const server =
    ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p)) ?? onPath('mariadbd', 'mysqld');
  const installDb =
    ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((p) => existsSync(p)) ??
    onPath('mariadb-install-db', 'mysql_install_db');
  return server && installDb ? { server, installDb } : undefined;
}

/** Every program the suites need: how to find it, its Debian package, and what to tell a person without apt. */
export const TOOLS = [
  {
    name: 'git',
    find: () => onPath('git'),
    apt: ['git'],
    hint: 'install git (https is not needed: the tests use local repositories)',
  },
  {
    name: 'python3',
    find: () => onPath('python3'),
    apt: ['python3'],
    hint: 'install Python 3.9 or newer as python3',
  },
  { name: 'bash', find: () => onPath('bash'), apt: ['bash'], hint: 'install bash' },
  {
    name: 'zip',
    find: () => onPath('zip'),
    apt: ['zip'],
    hint: 'install zip (archive resources are tested with it)',
  },
  {
    name: 'Chromium',
    find: findChromium,
    apt: ['chromium', 'fonts-dejavu-core'],
    hint: 'install Chromium, or set BDP_CHROMIUM to a Chrome/Chromium binary',
  },
  {
    name: 'PostgreSQL',
    find: findPostgresBin,
    apt: ['postgresql'],
    hint: 'install PostgreSQL (its initdb and postgres binaries)',
  },
  {
    name: 'MariaDB',
    find: findMariadb,
    apt: ['mariadb-server'],
    hint: 'install MariaDB server (mariadbd and mariadb-install-db)',
  },
];
