import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../app/store';
import { evaluateInDebugger, scriptRunStore } from './script-run-store';
import { VariableTree } from './VariableTree';

/** Evaluates expressions (and runs statements) in the paused frame; Up/Down walk the history. */
export function DebugConsole({ paused }: { paused: boolean }) {
  const entries = useStore(scriptRunStore, (s) => s.console);
  const [text, setText] = useState('');
  const [back, setBack] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces: Chromium's scrollTo returns a promise, and an effect may return only its clean-up.
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [entries.length]);
  const history = entries.map((e) => e.expression);
  return (
    <div className="debug-console">
      <div className="debug-list" ref={list} data-testid="debug-console-output">
        {entries.map((e, i) => (
          <div key={i} className="debug-console-entry" data-testid="debug-console-entry">
            <div className="debug-console-expression">› {e.expression}</div>
            {e.answer.error !== undefined ? (
              <div className="debug-console-error">{e.answer.error}</div>
            ) : e.answer.result ? (
              <VariableTree variables={[{ ...e.answer.result, name: '' }]} label={e.expression} />
            ) : null}
          </div>
        ))}
      </div>
      <input
        className="input debug-console-input"
        data-testid="debug-console-input"
        aria-label="Evaluate in the paused frame"
        placeholder={
          paused ? 'Evaluate an expression in the selected frame' : 'Pause the program to evaluate'
        }
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && text.trim()) {
            void evaluateInDebugger(text.trim());
            setText('');
            setBack(0);
          } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            const next = Math.max(0, Math.min(history.length, back + (e.key === 'ArrowUp' ? 1 : -1)));
            if (next === back) return;
            e.preventDefault();
            setBack(next);
            setText(next === 0 ? '' : history[history.length - next]);
          }
        }}
      />
    </div>
  );
}
