import { ResourceEditor } from './ResourceEditor';
import { parseResourceTab } from './resources-store';
import { VersionContentView } from './VersionContentView';
import './resources.css';

/** The view behind a resource detail or version content tab. */
export function ResourceTabView({ tab }: { tab: string }) {
  const parsed = parseResourceTab(tab);
  if (!parsed) return null;
  if (parsed.kind === 'resource') return <ResourceEditor key={parsed.name} name={parsed.name} />;
  return <VersionContentView key={tab} name={parsed.name} version={parsed.version} />;
}
