import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PublishPlan, WorkspaceSnapshot } from '../backend';
import { readResourceVersion } from '../workspace-snapshot';

/**
 * Write every prerequisite resource version of a plan (the resources EnOS cannot receive
 * through the API) as `<outDir>/<name>/<version>/<file>`, the file named as the version's path
 * so commands that run it find it after the Console upload. Returns the written paths.
 */
export async function exportPrerequisites(
  plan: PublishPlan & { snapshot?: WorkspaceSnapshot },
  outDir: string,
): Promise<string[]> {
  const root = (plan.snapshot as { root?: string } | undefined)?.root;
  if (!root || !plan.snapshot) throw new Error('the plan carries no workspace snapshot');
  const written: string[] = [];
  for (const step of plan.steps) {
    if (step.kind !== 'resource' || !step.manual) continue;
    const [name, version] = step.name.split('@');
    const v = plan.snapshot.resources
      .find((r) => r.name === name)
      ?.versions.find((x) => x.version === version);
    if (!v) throw new Error(`resource ${name} has no version ${version} in resources/`);
    const bytes = await readResourceVersion(root, v);
    if (!bytes)
      throw new Error(
        `resource ${name} ${version}: neither ${v.path} (sha256 ${v.sha256.slice(0, 12)}…) nor commit ${v.commit} is readable`,
      );
    const file = path.join(outDir, name, version, path.posix.basename(v.path));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    written.push(file);
  }
  return written;
}
