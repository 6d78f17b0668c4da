import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { RunCommandIo } from '../../src/main/cli/run';

/**
 * Bundles the runner child entry into a temp folder (what scripts/build-main.mjs does). With
 * `nativeDuckDb` the bundle lands inside the repository and leaves `@duckdb/*` out, so the runner
 * resolves the native DuckDB package from node_modules (SQL scripts, Data Sync). Test use only.
 */
export async function bundleRunner(
  options: { nativeDuckDb?: boolean } = {},
): Promise<{ modulePath: string; dispose: () => void }> {
  const repo = join(__dirname, '..', '..');
  let parent = tmpdir();
  if (options.nativeDuckDb) {
    parent = join(repo, 'node_modules', '.cache');
    mkdirSync(parent, { recursive: true });
  }
  const dir = mkdtempSync(join(parent, 'bdp-runner-bundle-'));
  const modulePath = join(dir, 'runner.cjs');
  await build({
    entryPoints: [join(repo, 'src', 'main', 'runner', 'runner-process.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: modulePath,
    logLevel: 'error',
    external: options.nativeDuckDb ? ['@duckdb/*'] : [],
  });
  return { modulePath, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temp workspace with bdp.yaml and the given files (workspace-relative path -> text). Test use only. */
export function workspaceWith(files: Record<string, string>): { root: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'bdp-runs-ws-'));
  const all: Record<string, string> = { 'bdp.yaml': 'name: runs-test\nparallelism: 4\n', ...files };
  for (const [rel, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** A small SHELL/PYTHON workflow: extract -> load -> report (load -> report is `rerun: false`), plus `slow`. Test use only. */
export const DEMO_WORKFLOW = `name: demo
schedule: { type: manual }
tasks:
  - name: extract
    type: SHELL
    command: echo "extract \${cal_dt}"
  - name: load
    type: PYTHON
    command: |
      def main():
          print("load ok")
          return 0
  - name: report
    type: SHELL
    command: echo report
relations:
  - { from: extract, to: load }
  - { from: load, to: report, rerun: false }
`;

export const SLOW_WORKFLOW = `name: slow
schedule: { type: manual }
tasks:
  - name: nap
    type: SHELL
    command: echo "pid $$"; sleep 30 & wait
`;

export const FAILING_WORKFLOW = `name: broken
schedule: { type: manual }
tasks:
  - name: boom
    type: SHELL
    command: echo failing; exit 3
`;

/** `bdp run`'s I/O collected in arrays, with the runner bundle to start. Test use only. */
export function capturedRunIo(
  modulePath: string,
  runner: RunCommandIo['runner'],
): RunCommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    runnerModulePath: modulePath,
    runner,
  };
}
