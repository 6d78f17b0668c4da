// Git backend timings on a 1,000-file, 1,000-commit repository: isomorphic-git next to native git,
// both through the same GitServiceNode. Needs `git` on PATH (it builds the fixture and is one side).
//
// The fixture is built with `git fast-import` from a generated stream (about a second): commit 1
// adds 1,000 files under scripts/dNN/, each of the next 999 commits edits one file, and every 10th
// commit also edits scripts/hot.sql (so its history has ~100 entries spread over all 1,000
// commits). fast-import leaves everything in one packfile, as a cloned or gc'ed repository is.
// Each backend gets its own copy of the repository, so their writes do not interfere.
//
// Usage: node scripts/bench-git.mjs
import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const FILES = 1000;
const COMMITS = 1000;
const RUNS = 3;

const work = mkdtempSync(path.join(os.tmpdir(), 'bdp-bench-git-'));
const bundle = path.join(work, 'git-service.cjs');
await build({
  entryPoints: ['src/main/services/git/git-service.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: bundle,
  logLevel: 'error',
});
const { GitServiceNode } = createRequire(import.meta.url)(bundle);

const git = (cwd, args, input) =>
  execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, env: { ...process.env, LC_ALL: 'C' } });
const filePath = (i) => `scripts/d${String(i % 50).padStart(2, '0')}/f${String(i).padStart(4, '0')}.sql`;

function fastImportStream() {
  const parts = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const who = (n) =>
    `author Bench <bench@example.com> ${1_700_000_000 + n * 60} +0000\ncommitter Bench <bench@example.com> ${1_700_000_000 + n * 60} +0000\n`;
  for (let c = 0; c < COMMITS; c++) {
    parts.push(`commit refs/heads/main\n${who(c)}${data(c === 0 ? 'initial import' : `change ${c}`)}`);
    if (c === 0) {
      for (let i = 0; i < FILES; i++)
        parts.push(`M 100644 inline ${filePath(i)}\n${data(`select ${i} as id; -- v0\n`)}`);
      parts.push(`M 100644 inline scripts/hot.sql\n${data('select 0;\n')}`);
    } else {
      const i = (c * 7) % FILES;
      parts.push(`M 100644 inline ${filePath(i)}\n${data(`select ${i} as id; -- v${c}\n`)}`);
      if (c % 10 === 0) parts.push(`M 100644 inline scripts/hot.sql\n${data(`select ${c};\n`)}`);
    }
    parts.push('\n');
  }
  return parts.join('');
}

function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function medianOf(fn, before = async () => {}) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await before(i);
    times.push(await time(fn));
  }
  return median(times);
}

async function benchBackend(root, preferNative) {
  const service = new GitServiceNode({
    root,
    preferNative,
    author: () => ({ name: 'Bench', email: 'bench@example.com' }),
  });
  const kind = await service.backendKind();
  const r = {};
  r['status, clean (first call)'] = await time(() => service.status());
  r['status, clean'] = await medianOf(() => service.status());
  const modified = Array.from({ length: 10 }, (_, k) => filePath(k * 97));
  for (const p of modified) await fs.appendFile(path.join(root, p), '-- edited\n');
  r['status, 10 modified'] = await medianOf(() => service.status());
  await service.discard({ paths: modified });
  r['stage 1 file'] = await medianOf(
    () => service.stage({ paths: ['scripts/hot.sql'] }),
    (i) => fs.appendFile(path.join(root, 'scripts/hot.sql'), `-- stage ${i}\n`),
  );
  r['commit 1 change'] = await medianOf(
    () => service.commit({ message: 'bench commit' }),
    async (i) => {
      await fs.appendFile(path.join(root, filePath(500)), `-- commit ${i}\n`);
      await service.stage({ paths: [filePath(500)] });
    },
  );
  r['log, last 100'] = await medianOf(async () => {
    if ((await service.log({ limit: 100 })).length !== 100) throw new Error('short log');
  });
  r['log, 1 file (100 of 1,000)'] = await medianOf(async () => {
    const n = (await service.log({ path: 'scripts/hot.sql', limit: 100 })).length;
    if (n < 90) throw new Error(`short file history: ${n}`);
  });
  r['readAt HEAD'] = await medianOf(() => service.readAt({ path: filePath(123), ref: 'HEAD' }));
  await service.dispose();
  return { kind, r };
}

try {
  const source = path.join(work, 'source');
  await fs.mkdir(source);
  let t = performance.now();
  git(source, ['init', '-q']);
  git(source, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  git(source, ['fast-import', '--quiet'], fastImportStream());
  git(source, ['reset', '-q', '--hard', 'main']);
  const built = performance.now() - t;
  const count = git(source, ['rev-list', '--count', 'HEAD']).toString().trim();
  const files = git(source, ['ls-files']).toString().trim().split('\n').length;
  console.log(
    `fixture: ${files} files, ${count} commits, built in ${(built / 1000).toFixed(1)} s; ${git(source, ['--version']).toString().trim()}, Node ${process.version}, ${os.cpus().length} CPUs`,
  );

  const results = [];
  for (const preferNative of [false, true]) {
    const copy = path.join(work, preferNative ? 'native' : 'iso');
    await fs.cp(source, copy, { recursive: true });
    results.push(await benchBackend(copy, preferNative));
  }
  const [iso, native] = results;
  const rows = Object.keys(iso.r);
  const w = Math.max(...rows.map((k) => k.length));
  console.log(`\n| ${'operation (ms, median of 3)'.padEnd(w)} | isomorphic-git | native git | ratio |`);
  console.log(`| ${'-'.repeat(w)} | -------------: | ---------: | ----: |`);
  for (const k of rows) {
    const a = iso.r[k];
    const b = native.r[k];
    console.log(
      `| ${k.padEnd(w)} | ${a.toFixed(1).padStart(14)} | ${b.toFixed(1).padStart(10)} | ${(a / b).toFixed(1).padStart(4)}x |`,
    );
  }
  if (native.kind !== 'native') console.log('\n(native git was not used: no git >= 2.25 on PATH)');
} finally {
  rmSync(work, { recursive: true, force: true });
}
