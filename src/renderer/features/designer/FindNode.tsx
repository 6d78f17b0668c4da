import { useEffect, useRef, useState } from 'react';
import { Codicon } from '../../ui/Codicon';

interface Props {
  names: readonly string[];
  onReveal(name: string): void;
  onClose(): void;
}

/** Ctrl+F on the canvas: type part of a node name, Enter goes to the next match. */
export function FindNode({ names, onReveal, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const q = query.trim().toLowerCase();
  const matches = q ? names.filter((n) => n.toLowerCase().includes(q)) : [];
  useEffect(() => input.current?.focus(), []);
  const go = (i: number) => {
    if (matches.length === 0) return;
    const next = (i + matches.length) % matches.length;
    setIndex(next);
    onReveal(matches[next]);
  };
  return (
    <div className="designer-find" role="search">
      <input
        ref={input}
        className="prop-input"
        data-testid="designer-find-input"
        placeholder="Find node"
        value={query}
        aria-label="Find node"
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
          const first = e.target.value.trim().toLowerCase();
          const hit = first ? names.find((n) => n.toLowerCase().includes(first)) : undefined;
          if (hit) onReveal(hit);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') go(e.shiftKey ? index - 1 : index + 1);
          else if (e.key === 'Escape') onClose();
        }}
      />
      <span className="designer-find-count">
        {q
          ? matches.length
            ? `${Math.min(index + 1, matches.length)} of ${matches.length}`
            : 'No results'
          : ''}
      </span>
      <button
        className="icon-button"
        title="Previous match (Shift+Enter)"
        aria-label="Previous match"
        onClick={() => go(index - 1)}
        disabled={matches.length === 0}
      >
        <Codicon name="arrow-up" />
      </button>
      <button
        className="icon-button"
        title="Next match (Enter)"
        aria-label="Next match"
        onClick={() => go(index + 1)}
        disabled={matches.length === 0}
      >
        <Codicon name="arrow-down" />
      </button>
      <button className="icon-button" title="Close (Escape)" aria-label="Close find" onClick={onClose}>
        <Codicon name="close" />
      </button>
    </div>
  );
}
