import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../app/store';
import { client } from '../../platform/services';
import {
  DEFAULT_WAREHOUSE_CONNECTION,
  validateWorkspaceFile,
  type Connection,
  type ConnectionsFile,
  type Resource,
} from '../../../shared/model';
import { collectFiles, workspaceStore } from '../workspace';

export interface WorkspaceCatalog {
  /** `connections.yaml` entries; the warehouse is always there, even when the file omits it. */
  connections: Connection[];
  /** Parsed `resources/*.resource.yaml` (files with errors are left out). */
  resources: Resource[];
  /** Workspace files, for script pickers. */
  files: string[];
}

const RESOURCE = /^resources\/[^/]+\.resource\.yaml$/;
const WAREHOUSE: Connection = {
  name: DEFAULT_WAREHOUSE_CONNECTION,
  type: 'WAREHOUSE',
  description: 'The local warehouse',
};

async function readParsed<T>(path: string): Promise<T | undefined> {
  try {
    const { text } = await client.workspace.readFile({ path });
    const r = validateWorkspaceFile(path, text);
    return r.problems.some((p) => p.severity === 'error') ? undefined : (r.value as T);
  } catch {
    return undefined;
  }
}

/** Connections, resources and files of the open workspace for the properties pickers; re-read when the file tree changes. */
export function useWorkspaceCatalog(): WorkspaceCatalog {
  const tree = useStore(workspaceStore, (s) => s.tree);
  const files = useMemo(() => collectFiles(tree).sort(), [tree]);
  const [state, setState] = useState<Pick<WorkspaceCatalog, 'connections' | 'resources'>>({
    connections: [WAREHOUSE],
    resources: [],
  });
  useEffect(() => {
    let live = true;
    void (async () => {
      const [conns, ...resources] = await Promise.all([
        files.includes('connections.yaml')
          ? readParsed<ConnectionsFile>('connections.yaml')
          : Promise.resolve(undefined),
        ...files.filter((p) => RESOURCE.test(p)).map((p) => readParsed<Resource>(p)),
      ]);
      if (!live) return;
      const connections = (conns as ConnectionsFile | undefined)?.connections ?? [];
      setState({
        connections: connections.some((c) => c.name === DEFAULT_WAREHOUSE_CONNECTION)
          ? connections
          : [...connections, WAREHOUSE],
        resources: (resources as Array<Resource | undefined>)
          .filter((r): r is Resource => !!r)
          .sort((a, b) => a.name.localeCompare(b.name)),
      });
    })();
    return () => {
      live = false;
    };
  }, [files]);
  return useMemo(() => ({ ...state, files }), [state, files]);
}
