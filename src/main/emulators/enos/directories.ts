import type { WorkFlowDir } from '../../sync/enos/types';
import { badParam, MSG } from './api-error';
import { isOwner, type RequestContext } from './context';
import { newDirId } from './store';

/** 3.16 List Workflow Directories: the OU's root "Workflow" node with sub-directories, then workflow files. */
export function listWorkflowDirectories(ctx: RequestContext): WorkFlowDir[] {
  const { state, user } = ctx;
  const node = (dirId: string): WorkFlowDir => {
    const dir = state.dirs.get(dirId);
    const subdirs = [...state.dirs.values()]
      .filter((d) => d.parentId === dirId)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files = [...state.flows.values()]
      .filter((f) => f.dirId === dirId)
      .sort((a, b) => a.flowId - b.flowId);
    return {
      title: dir?.name ?? '',
      key: dirId,
      type: 1,
      isDirectory: true,
      children: [
        ...subdirs.map((d) => node(d.dirId)),
        ...files.map((f) => ({
          title: f.name,
          key: f.flowId,
          type: 1,
          isDirectory: false,
          editable: isOwner(user, f),
        })),
      ],
    };
  };
  const root = state.rootDirs.get(user.orgId);
  return root ? [node(root)] : [];
}

/** 3.2 Create Directory. */
export function createDirectory(ctx: RequestContext): { dirId: string } {
  const { state, body, user } = ctx;
  const parentId = typeof body.parentId === 'string' ? body.parentId.trim() : '';
  const dirName = typeof body.dirName === 'string' ? body.dirName.trim() : '';
  if (!parentId) throw badParam(MSG.parentIdEmpty);
  if (!dirName) throw badParam(MSG.dirNameEmpty);
  const parent = state.dirs.get(parentId);
  if (!parent || parent.orgId !== user.orgId) throw badParam(MSG.parentMissing);
  if ([...state.dirs.values()].some((d) => d.parentId === parentId && d.name === dirName))
    throw badParam(MSG.dirDuplicate);
  const dirId = newDirId();
  state.dirs.set(dirId, { dirId, orgId: user.orgId, parentId, name: dirName });
  return { dirId };
}
