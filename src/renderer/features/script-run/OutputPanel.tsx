import { useEffect, useRef } from 'react';
import { Terminal, type ILink, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { Codicon } from '../../ui/Codicon';
import { useStore } from '../../app/store';
import { themeStore } from '../../app/theme-store';
import { openFile } from '../editor';
import { onOutput, outputText } from './output-buffer';
import { scriptRunStore } from './script-run-store';
import './script-run.css';

const DARK: ITheme = {
  background: '#00000000',
  foreground: '#cccccc',
  cursor: '#00000000',
  selectionBackground: '#264f78',
  black: '#000000',
  red: '#f14c4c',
  green: '#23d18b',
  yellow: '#f5f543',
  blue: '#3b8eea',
  magenta: '#d670d6',
  cyan: '#29b8db',
  white: '#e5e5e5',
  brightBlack: '#666666',
  brightRed: '#f14c4c',
  brightGreen: '#23d18b',
  brightYellow: '#f5f543',
  brightBlue: '#3b8eea',
  brightMagenta: '#d670d6',
  brightCyan: '#29b8db',
  brightWhite: '#ffffff',
};
const LIGHT: ITheme = {
  background: '#00000000',
  foreground: '#333333',
  cursor: '#00000000',
  selectionBackground: '#add6ff',
  black: '#000000',
  red: '#cd3131',
  green: '#107c10',
  yellow: '#949800',
  blue: '#0451a5',
  magenta: '#bc05bc',
  cyan: '#0598bc',
  white: '#555555',
  brightBlack: '#666666',
  brightRed: '#cd3131',
  brightGreen: '#14ce14',
  brightYellow: '#b5ba00',
  brightBlue: '#0451a5',
  brightMagenta: '#bc05bc',
  brightCyan: '#0598bc',
  brightWhite: '#a5a5a5',
};

/** `File "scripts/a.py", line 12`, `scripts/a.sh: line 3:` and `scripts/a.py:12` become links to the editor. */
const LINKS = [
  /File "([^"/][^"]*)", line (\d+)/g,
  /([\w.-][\w./-]*\.(?:py|sh|sql|hql)): line (\d+)/g,
  /([\w.-][\w./-]*\.(?:py|sh|sql|hql)):(\d+)/g,
];

function linksOf(term: Terminal, y: number): ILink[] {
  const line = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
  const links: ILink[] = [];
  for (const re of LINKS) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const [text, path, n] = m;
      if (
        path.startsWith('.bdp/') ||
        links.some((l) => l.range.start.x <= m!.index + 1 && l.range.end.x >= m!.index + 1)
      )
        continue;
      links.push({
        range: { start: { x: m.index + 1, y }, end: { x: m.index + text.length, y } },
        text,
        activate: () => openFile(path, { line: Number(n), column: 1, preview: false }),
      });
    }
  }
  return links;
}

function StatusLine() {
  const run = useStore(scriptRunStore, (s) => s.run);
  const markers = useStore(scriptRunStore, (s) => s.markers);
  if (!run) return <div className="script-output-status">Run a script with F5; its output appears here.</div>;
  const end = run.end;
  return (
    <div
      className="script-output-status"
      data-testid="script-run-status"
      data-status={run.status}
      data-exit-code={end?.exitCode ?? undefined}
    >
      {run.status === 'running' ? (
        <>
          <Codicon name="loading" className="codicon-modifier-spin" /> Running {run.path}…
        </>
      ) : (
        <>
          <span className={run.status === 'success' ? 'ok' : 'bad'}>
            <Codicon
              name={
                run.status === 'success' ? 'pass-filled' : run.status === 'stopped' ? 'debug-stop' : 'error'
              }
            />{' '}
            {run.status === 'success' ? 'Succeeded' : run.status === 'stopped' ? 'Stopped' : 'Failed'}
          </span>
          <span data-testid="script-run-exit">exit code {end?.exitCode ?? '—'}</span>
          <span>{end ? `${(end.durationMs / 1000).toFixed(2)} s` : ''}</span>
          {markers.length > 0 && (
            <span className="markers">
              {markers.slice(0, 3).map((m) => (
                <button
                  key={`${m.path}:${m.line}`}
                  className="link-button"
                  data-testid="script-run-marker"
                  onClick={() => openFile(m.path, { line: m.line, column: 1, preview: false })}
                >
                  {m.path}:{m.line} {m.message}
                </button>
              ))}
            </span>
          )}
        </>
      )}
    </div>
  );
}

/** The run console: xterm.js with ANSI colours, fed from the output buffer. */
export function OutputPanel() {
  const host = useRef<HTMLDivElement>(null);
  const theme = useStore(themeStore, (s) => s.resolved);
  const termRef = useRef<Terminal | null>(null);

  useEffect(() => {
    const term = new Terminal({
      convertEol: true,
      disableStdin: true,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'none',
      fontFamily:
        getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 12,
      scrollback: 20_000,
      allowTransparency: true,
      theme: themeStore.get().resolved === 'light' ? LIGHT : DARK,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current!);
    term.registerLinkProvider({ provideLinks: (y, cb) => cb(linksOf(term, y)) });
    term.write(outputText());
    const off = onOutput((text) => (text === null ? term.reset() : term.write(text)));
    const observer = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Hidden panel: nothing to fit.
      }
    });
    observer.observe(host.current!);
    termRef.current = term;
    return () => {
      observer.disconnect();
      off();
      term.dispose();
      termRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = theme === 'light' ? LIGHT : DARK;
  }, [theme]);

  return (
    <div className="script-output" data-testid="script-output">
      <StatusLine />
      <div ref={host} className="script-output-term" data-testid="script-output-term" />
    </div>
  );
}
