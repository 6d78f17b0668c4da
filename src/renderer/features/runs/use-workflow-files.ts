import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../app/store';
import { client } from '../../platform/services';
import { editorStore } from '../editor';
import { parseWorkflow, type Workflow } from '../../../shared/model';
import { collectFiles, workspaceStore } from '../workspace';

const SUFFIX = '.workflow.yaml';

export interface WorkflowFile {
  path: string;
  /** The file name without the suffix: by convention the workflow's name. */
  name: string;
}

/** Workflow files of the open workspace, sorted by name. */
export function useWorkflowFiles(): WorkflowFile[] {
  const tree = useStore(workspaceStore, (s) => s.tree);
  return useMemo(
    () =>
      collectFiles(tree)
        .filter((p) => p.endsWith(SUFFIX))
        .map((path) => ({ path, name: path.slice(path.lastIndexOf('/') + 1, -SUFFIX.length) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [tree],
  );
}

/** The parsed workflow of a file (undefined while loading or when the file has errors). */
export function useParsedWorkflow(path: string | undefined): Workflow | undefined {
  const [state, setState] = useState<{ path?: string; workflow?: Workflow }>({});
  useEffect(() => {
    if (!path) return;
    let live = true;
    client.workspace.readFile({ path }).then(
      (c) => {
        if (live) setState({ path, workflow: parseWorkflow(c.text, path).workflow });
      },
      () => {
        if (live) setState({ path });
      },
    );
    return () => {
      live = false;
    };
  }, [path]);
  return state.path === path ? state.workflow : undefined;
}

/** Node names of a workflow: tasks and references, in file order. */
export function nodeNames(workflow: Workflow | undefined): string[] {
  if (!workflow) return [];
  return [...(workflow.references ?? []).map((r) => r.name), ...workflow.tasks.map((t) => t.name)];
}

/**
 * The workflow a run dialog starts with: the one asked for (name or path), else the workflow in
 * the active editor tab, else the first.
 */
export function preselectedWorkflow(
  workflows: readonly { name: string; path: string }[],
  wanted?: string,
): string {
  const active = editorStore.get().active;
  const match = (w: { name: string; path: string }) => w.name === wanted || w.path === wanted;
  return (
    (wanted ? workflows.find(match) : undefined)?.path ??
    workflows.find((w) => w.path === active)?.path ??
    workflows[0]?.path ??
    ''
  );
}
