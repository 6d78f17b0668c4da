import { useEffect, useRef, useState } from 'react';
import type { FileMatches, SearchMatch } from '../../../shared/contract';
import { useStore } from '../../app/store';
import { Codicon } from '../../ui/Codicon';
import { Dialog } from '../../ui/Dialog';
import { openFile } from '../editor';
import { fileIcon } from '../../ui/file-icons';
import { patchSearch, replaceAll, replacePlan, searchStore, setQuery, toggleCollapsed } from './search-store';
import './search.css';

const CONTEXT_BEFORE = 16;
const plural = (n: number, one: string): string => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;

/** Find in Files (Ctrl/Cmd+Shift+F): search box with case / word / regex toggles, replace, include and exclude globs, results by file. */
export function SearchView() {
  const s = useStore(searchStore, (state) => state);
  const input = useRef<HTMLInputElement>(null);
  const [confirming, setConfirming] = useState<{ only?: string } | null>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [s.focusSeq]);

  const toggle = (name: 'matchCase' | 'wholeWord' | 'isRegex', title: string, icon: string) => (
    <button
      className={`search-toggle${s.query[name] ? ' on' : ''}`}
      title={title}
      aria-label={title}
      aria-pressed={s.query[name]}
      data-testid={`search-${name}`}
      onClick={() => setQuery({ [name]: !s.query[name] })}
    >
      <Codicon name={icon} />
    </button>
  );
  const replacing = s.showReplace && s.result !== null;
  const plan = confirming && s.result ? replacePlan(s.result, confirming.only) : null;

  return (
    <div className="search-view" data-testid="search-view">
      <div className="search-form">
        <button
          className="icon-button search-replace-toggle"
          title={s.showReplace ? 'Hide Replace' : 'Toggle Replace'}
          aria-label="Toggle Replace"
          aria-expanded={s.showReplace}
          onClick={() => patchSearch({ showReplace: !s.showReplace })}
        >
          <Codicon name={s.showReplace ? 'chevron-down' : 'chevron-right'} />
        </button>
        <div className="search-fields">
          <div className={`search-box${s.error ? ' invalid' : ''}`}>
            <input
              ref={input}
              className="search-input"
              placeholder="Search"
              aria-label="Search"
              data-testid="search-input"
              value={s.query.pattern}
              spellCheck={false}
              onChange={(e) => setQuery({ pattern: e.target.value })}
            />
            {toggle('matchCase', 'Match Case', 'case-sensitive')}
            {toggle('wholeWord', 'Match Whole Word', 'whole-word')}
            {toggle('isRegex', 'Use Regular Expression', 'regex')}
          </div>
          {s.showReplace && (
            <div className="search-box">
              <input
                className="search-input"
                placeholder="Replace"
                aria-label="Replace"
                data-testid="search-replace-input"
                value={s.replacement}
                spellCheck={false}
                onChange={(e) => patchSearch({ replacement: e.target.value })}
              />
              <button
                className="search-toggle"
                title="Replace All"
                aria-label="Replace All"
                data-testid="search-replace-all"
                disabled={!s.result || s.result.matchCount === 0}
                onClick={() => setConfirming({})}
              >
                <Codicon name="replace-all" />
              </button>
            </div>
          )}
        </div>
      </div>
      <div className="search-filters-row">
        <button
          className="icon-button"
          title="Toggle Search Details"
          aria-label="Toggle Search Details"
          aria-expanded={s.showFilters}
          data-testid="search-details"
          onClick={() => patchSearch({ showFilters: !s.showFilters })}
        >
          <Codicon name="ellipsis" />
        </button>
      </div>
      {s.showFilters && (
        <div className="search-filters">
          <label>
            files to include
            <input
              className="input"
              data-testid="search-include"
              placeholder="e.g. *.sql, scripts/**"
              value={s.query.include}
              spellCheck={false}
              onChange={(e) => setQuery({ include: e.target.value })}
            />
          </label>
          <label>
            files to exclude
            <input
              className="input"
              data-testid="search-exclude"
              placeholder="e.g. data/**"
              value={s.query.exclude}
              spellCheck={false}
              onChange={(e) => setQuery({ exclude: e.target.value })}
            />
          </label>
        </div>
      )}
      <Summary />
      <div className="search-results" role="tree" aria-label="Search results" data-testid="search-results">
        {s.result?.files.map((file) => (
          <FileGroup
            key={file.path}
            file={file}
            collapsed={s.collapsed.has(file.path)}
            replacement={replacing ? s.replacement : null}
            onReplaceFile={() => setConfirming({ only: file.path })}
          />
        ))}
      </div>
      {confirming && plan && (
        <Dialog
          title="Replace All"
          testId="search-replace-confirm"
          onClose={() => setConfirming(null)}
          footer={
            <>
              <button className="button secondary" onClick={() => setConfirming(null)}>
                Cancel
              </button>
              <button
                className="button"
                data-testid="search-replace-confirm-button"
                disabled={plan.paths.length === 0}
                onClick={() => {
                  setConfirming(null);
                  void replaceAll(confirming.only);
                }}
              >
                Replace
              </button>
            </>
          }
        >
          <p>
            Replace {plural(plan.matches, 'occurrence')} across {plural(plan.paths.length, 'file')} with “
            {s.replacement}”? The files are saved at once; Source Control shows what changed.
          </p>
          {plan.unsaved.length > 0 && (
            <p className="search-warning">
              {plural(plan.unsaved.length, 'file')} with unsaved changes will be left alone.
            </p>
          )}
        </Dialog>
      )}
    </div>
  );
}

function Summary() {
  const { result, error, searching, query } = useStore(searchStore, (state) => state);
  let text = '';
  if (error) text = error;
  else if (result && result.matchCount === 0)
    text = `No results found.${query.include || query.exclude ? ' Review your include and exclude settings.' : ''}`;
  else if (result)
    text = `${plural(result.matchCount, 'result')} in ${plural(result.files.length, 'file')}${result.limitHit ? ' (the first ones only: refine the search)' : ''}`;
  return (
    <div className={`search-summary${error ? ' error' : ''}`} data-testid="search-summary" aria-live="polite">
      {searching && <Codicon name="loading" className="codicon-modifier-spin" />}
      {text}
    </div>
  );
}

function FileGroup({
  file,
  collapsed,
  replacement,
  onReplaceFile,
}: {
  file: FileMatches;
  collapsed: boolean;
  replacement: string | null;
  onReplaceFile(): void;
}) {
  const slash = file.path.lastIndexOf('/');
  const name = file.path.slice(slash + 1);
  const icon = fileIcon(name, 'file');
  return (
    <div className="search-file" data-testid="search-file" data-path={file.path}>
      <div
        role="treeitem"
        aria-level={1}
        aria-expanded={!collapsed}
        aria-label={file.path}
        className="search-file-header"
        title={file.path}
        onClick={() => toggleCollapsed(file.path)}
      >
        <Codicon name={collapsed ? 'chevron-right' : 'chevron-down'} />
        <Codicon name={icon.icon} className={`file-icon tone-${icon.tone}`} />
        <span className="search-file-name">{name}</span>
        <span className="search-file-dir">{file.path.slice(0, Math.max(0, slash))}</span>
        {replacement !== null && (
          <button
            className="icon-button search-row-action"
            title={`Replace in ${name}`}
            aria-label={`Replace in ${name}`}
            onClick={(e) => {
              e.stopPropagation();
              onReplaceFile();
            }}
          >
            <Codicon name="replace-all" />
          </button>
        )}
        <span className="count-badge">{file.matches.length}</span>
      </div>
      {!collapsed &&
        file.matches.map((m, i) => <MatchRow key={i} path={file.path} match={m} replacement={replacement} />)}
    </div>
  );
}

function MatchRow({
  path,
  match,
  replacement,
}: {
  path: string;
  match: SearchMatch;
  replacement: string | null;
}) {
  // Keep the match in view in a narrow side bar: a few words of context before it, as VS Code does.
  const lead = match.preview.slice(0, match.previewColumn).trimStart();
  const before =
    lead.length > CONTEXT_BEFORE
      ? `…${lead.slice(lead.length - CONTEXT_BEFORE).replace(/^\S*\s/, '')}`
      : lead;
  const found = match.preview.substr(match.previewColumn, match.length);
  const after = match.preview.slice(match.previewColumn + match.length);
  // One click shows the match and keeps the keyboard in the results; a double click or Enter goes to the editor.
  const open = (preview: boolean) =>
    openFile(path, {
      preview,
      preserveFocus: preview,
      line: match.line,
      column: match.column,
      length: match.length,
    });
  return (
    <div
      role="treeitem"
      aria-level={2}
      tabIndex={-1}
      className="search-match"
      data-testid="search-match"
      title={`${path}:${match.line}:${match.column}`}
      onClick={() => open(true)}
      onDoubleClick={() => open(false)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open(false);
        else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          // Walk the matches as VS Code does: each one shown in the preview, the keyboard staying here.
          e.preventDefault();
          const rows = [
            ...(e.currentTarget.closest('.search-results')?.querySelectorAll<HTMLElement>('.search-match') ??
              []),
          ];
          const next = rows[rows.indexOf(e.currentTarget) + (e.key === 'ArrowDown' ? 1 : -1)];
          next?.focus();
          next?.click();
        }
      }}
    >
      <span className="search-match-text">
        {before}
        {replacement === null ? (
          <mark className="search-hit">{found}</mark>
        ) : (
          <>
            <del className="search-removed">{found}</del>
            <ins className="search-inserted">{replacement}</ins>
          </>
        )}
        {after}
      </span>
      <span className="search-match-line">{match.line}</span>
    </div>
  );
}
