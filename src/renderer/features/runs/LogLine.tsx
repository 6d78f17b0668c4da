import { memo, type CSSProperties } from 'react';
import { parseAnsiLine } from './ansi';

function colour(c: string | undefined): string | undefined {
  if (!c) return undefined;
  return c.startsWith('#') ? c : `var(--${c})`;
}

/** One log row; ANSI colours are parsed per row (a colour left open on an earlier row is not carried). */
export const LogLine = memo(function LogLine({
  text,
  number,
  top,
  hit,
  current,
}: {
  text: string;
  number?: number;
  top: number;
  hit: boolean;
  current: boolean;
}) {
  const { spans } = parseAnsiLine(text);
  return (
    <div
      className={`log-line${hit ? ' log-hit' : ''}${current ? ' log-hit-current' : ''}`}
      style={{ top }}
      data-testid="log-line"
    >
      <span className="log-line-number">{number}</span>
      <span className="log-line-text">
        {spans.map((s, i) => {
          const style: CSSProperties = {
            color: colour(s.fg),
            backgroundColor: colour(s.bg),
            fontWeight: s.bold ? 700 : undefined,
            opacity: s.dim ? 0.7 : undefined,
            fontStyle: s.italic ? 'italic' : undefined,
            textDecoration: s.underline ? 'underline' : undefined,
          };
          return s.fg || s.bg || s.bold || s.dim || s.italic || s.underline ? (
            <span key={i} style={style}>
              {s.text}
            </span>
          ) : (
            s.text
          );
        })}
      </span>
    </div>
  );
});
