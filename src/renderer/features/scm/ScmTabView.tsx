import { DiffPane } from './DiffPane';
import { HistoryView } from './HistoryView';
import { parseScmTab } from './scm-tabs';
import './scm.css';

/** The view behind a History or diff editor tab (loaded with Monaco). */
export function ScmTabView({ tab }: { tab: string }) {
  const parsed = parseScmTab(tab);
  if (!parsed) return null;
  if (parsed.kind === 'history') return <HistoryView key={parsed.path} path={parsed.path} />;
  return (
    <div className="diff-tab">
      <DiffPane key={tab} path={parsed.path} left={parsed.left} right={parsed.right} />
    </div>
  );
}
