import { existsSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import type * as Esbuild from 'esbuild';

/** What the runner adds to a task's environment so `hive` / `canaanhive` work in it. */
export interface HiveToolEnv {
  /** Folder with the `hive` / `canaanhive` shims, put first on PATH. */
  binDir: string;
  /** The JS the shims run (`out/main/hive-cli.js`, or a bundle built from source in dev and tests). */
  cliPath: string;
  /** The node binary (Electron's own binary run as node in the desktop app). */
  nodePath: string;
}

let devBundle: Promise<string> | undefined;

function findPackageRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Finds the hive CLI script. The build puts `hive-cli.js` beside the bundle that runs the runner;
 * when the runner runs from source (vitest, run-ts), the CLI is bundled once per process with
 * esbuild (a dev dependency) into `node_modules/.cache/bdp-hive/`, so external packages resolve.
 */
export async function locateHiveCli(moduleDir: string = __dirname): Promise<string> {
  const bundled = join(moduleDir, 'hive-cli.js');
  // In the packaged app the file is unpacked next to the asar (electron-builder asarUnpack).
  if (existsSync(bundled)) return bundled.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  const source = join(moduleDir, 'hive-main.ts');
  const fromSource = existsSync(source) ? source : join(moduleDir, 'warehouse', 'hive-main.ts');
  if (!existsSync(fromSource)) throw new Error(`hive CLI not found next to ${moduleDir} (run npm run build)`);
  devBundle ??= (async (): Promise<string> => {
    const root = findPackageRoot(moduleDir);
    if (!root) throw new Error('no package root for the hive CLI bundle');
    const outDir = join(root, 'node_modules', '.cache', 'bdp-hive');
    await mkdir(outDir, { recursive: true });
    const outfile = join(outDir, `hive-cli-${process.pid}.cjs`);
    const esbuildName = 'esbuild';
    const esbuild = (await import(esbuildName)) as typeof Esbuild;
    await esbuild.build({ entryPoints: [fromSource], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'error' });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return devBundle;
}

/** The environment of a task process with the shims on PATH. */
export function withHiveTool(env: Readonly<Record<string, string | undefined>>, tool: HiveToolEnv, warehouseDir: string): Record<string, string | undefined> {
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const current = env[pathKey];
  return {
    ...env,
    [pathKey]: current ? `${tool.binDir}${delimiter}${current}` : tool.binDir,
    BDP_HIVE_CLI: tool.cliPath,
    BDP_NODE: tool.nodePath,
    BDP_WAREHOUSE: warehouseDir,
  };
}

/**
 * The runner's `toolEnv` hook: puts `<resourcesDir>/bin` first on PATH and points the shims at the
 * CLI, this process's node and the workspace's warehouse. When the CLI cannot be found the shims
 * are still on PATH and say so when called, so tasks that do not use hive are unaffected.
 */
export function hiveToolEnv(resourcesDir: string, workspaceRoot: string): (env: Readonly<Record<string, string | undefined>>) => Promise<Record<string, string | undefined>> {
  const warehouseDir = join(workspaceRoot, '.bdp', 'warehouse');
  return async (env) => {
    const cliPath = await locateHiveCli().catch(() => '');
    // The packaged app turns Electron's runAsNode fuse off, so its binary cannot run the CLI: use a
    // `node` from PATH there (or BDP_NODE when the user sets one).
    const nodePath = env.BDP_NODE ?? (process.versions.electron ? 'node' : process.execPath);
    return withHiveTool(env, { binDir: join(resourcesDir, 'bin'), cliPath, nodePath }, warehouseDir);
  };
}
