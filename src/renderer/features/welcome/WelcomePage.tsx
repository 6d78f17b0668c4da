import { Codicon } from '../../ui/Codicon';
import { Keybinding } from '../../ui/Keybinding';
import { useStore } from '../../app/store';
import { openSample, workspaceStore } from '../workspace';
import { RecentList } from './RecentList';
import { newWorkspace, openFolder } from './welcome-store';
import logoUrl from '../../assets/logo.svg';
import './welcome.css';

const HINTS: [string, string][] = [
  ['Show All Commands', 'Mod+Shift+P'],
  ['Go to File', 'Mod+P'],
  ['Open Folder', 'Mod+O'],
  ['Toggle Side Bar', 'Mod+B'],
  ['Toggle Panel', 'Mod+J'],
];

/** Shown when no workspace is open. */
export function WelcomePage() {
  const busy = useStore(workspaceStore, (s) => s.busy);
  return (
    <div className="welcome" data-testid="welcome">
      <div className="welcome-inner">
        <header className="welcome-header">
          <img className="welcome-logo" src={logoUrl} alt="" aria-hidden="true" />
          <div>
            <h1 className="welcome-title">BDP Studio</h1>
            <p className="welcome-tagline">
              Design, pre-run and publish batch data-processing workflows, offline.
            </p>
          </div>
        </header>
        <div className="welcome-columns">
          <section className="welcome-section">
            <h2>Start</h2>
            <ul className="welcome-list">
              <li>
                <button
                  className="welcome-link"
                  data-testid="welcome-open-folder"
                  disabled={busy}
                  onClick={() => void openFolder()}
                >
                  <Codicon name="folder-opened" />
                  Open Folder…
                </button>
              </li>
              <li>
                <button
                  className="welcome-link"
                  data-testid="welcome-new-workspace"
                  disabled={busy}
                  onClick={() => void newWorkspace()}
                >
                  <Codicon name="new-folder" />
                  New Workspace…
                </button>
              </li>
              <li>
                <button
                  className="welcome-link"
                  data-testid="welcome-open-sample"
                  disabled={busy}
                  onClick={() => void openSample()}
                >
                  <Codicon
                    name={busy ? 'loading' : 'beaker'}
                    className={busy ? 'codicon-modifier-spin' : undefined}
                  />
                  Open Sample Workspace
                  <span className="welcome-link-note">retail orders, daily KPIs</span>
                </button>
              </li>
            </ul>
            <h2>Recent</h2>
            <RecentList disabled={busy} />
          </section>
          <section className="welcome-section">
            <h2>Keyboard</h2>
            <dl className="welcome-hints">
              {HINTS.map(([label, keys]) => (
                <div key={label} className="welcome-hint">
                  <dt>{label}</dt>
                  <dd>
                    <Keybinding keys={keys} />
                  </dd>
                </div>
              ))}
            </dl>
            <h2>What's inside</h2>
            <ul className="welcome-features">
              <li>
                <Codicon name="type-hierarchy-sub" className="tone-workflow" /> Workflows as readable YAML,
                validated as you save
              </li>
              <li>
                <Codicon name="package" className="tone-resource" /> Versioned script resources backed by git
              </li>
              <li>
                <Codicon name="play-circle" className="tone-python" /> Pre-runs on your laptop with real
                business dates
              </li>
              <li>
                <Codicon name="cloud-upload" className="tone-json" /> One-click publish to EnOS or
                DolphinScheduler
              </li>
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
