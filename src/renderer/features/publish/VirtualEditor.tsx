import { RemoteEditor } from '../remote';
import { PublishEditor } from './PublishEditor';
import { PUBLISH_TAB, REMOTE_TAB } from './virtual-tabs';
import './publish.css';

/** The view behind a `bdp:/` editor tab. */
export function VirtualEditor({ path }: { path: string }) {
  if (path === PUBLISH_TAB) return <PublishEditor />;
  if (path === REMOTE_TAB) return <RemoteEditor />;
  return null;
}
