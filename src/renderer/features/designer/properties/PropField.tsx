import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  value: string;
  /** Returns a reason to show when the value is refused. */
  onCommit(value: string): string | null | void;
  multiline?: boolean;
  mono?: boolean;
  placeholder?: string;
  testId?: string;
  hint?: ReactNode;
  type?: 'text' | 'number' | 'date' | 'time';
}

/** A labelled input that commits on blur or Enter (Ctrl+Enter in a textarea) and reverts on Escape. */
export function PropField({
  label,
  value,
  onCommit,
  multiline,
  mono,
  placeholder,
  testId,
  hint,
  type = 'text',
}: FieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === value) return setError(null);
    const reason = onCommit(draft);
    setError(reason || null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      setDraft(value);
      setError(null);
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    }
  };
  const common = {
    id,
    className: `prop-input${mono ? ' mono' : ''}${error ? ' invalid' : ''}`,
    value: draft,
    placeholder,
    'data-testid': testId,
    'aria-invalid': error ? true : undefined,
    onKeyDown,
    onBlur: commit,
  };
  return (
    <div className="prop-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(8, Math.max(3, draft.split('\n').length + 1))}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
        />
      ) : (
        <input {...common} type={type} spellCheck={false} onChange={(e) => setDraft(e.target.value)} />
      )}
      {error ? (
        <div className="prop-error" role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="prop-hint">{hint}</div>
      )}
    </div>
  );
}

export function PropCheck({
  label,
  checked,
  onChange,
  testId,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <label className="prop-check">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => onChange(e.target.checked)}
      />
      {label}
    </label>
  );
}

export function PropSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="prop-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

interface SelectProps {
  label: string;
  value: string;
  options: ReadonlyArray<string | { value: string; label: string }>;
  /** Returns a reason to show when the value is refused. */
  onCommit(value: string): string | null | void;
  testId?: string;
  hint?: ReactNode;
}

/** A labelled drop-down that commits on change; a value not among the options is still shown. */
export function PropSelect({ label, value, options, onCommit, testId, hint }: SelectProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const opts = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  if (!opts.some((o) => o.value === value))
    opts.unshift({ value, label: value === '' ? '—' : `${value} (unknown)` });
  return (
    <div className="prop-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className={`prop-input${error ? ' invalid' : ''}`}
        value={value}
        data-testid={testId}
        onKeyDown={(e) => e.stopPropagation()}
        onChange={(e) => setError(onCommit(e.target.value) || null)}
      >
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <div className="prop-error" role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="prop-hint">{hint}</div>
      )}
    </div>
  );
}

/** Parses a number field: `''` is null (remove), otherwise a number within the rule or a reason. */
export function parseNumberField(
  text: string,
  label: string,
  rule: { min?: number; max?: number; integer?: boolean },
): { value: number | null } | { reason: string } {
  const t = text.trim();
  if (t === '') return { value: null };
  const n = Number(t);
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? ` between ${rule.min} and ${rule.max}`
      : rule.min !== undefined
        ? ` of ${rule.min} or more`
        : '';
  if (!Number.isFinite(n) || (rule.integer && !Number.isInteger(n)))
    return { reason: `${label} must be a ${rule.integer ? 'whole ' : ''}number${range}` };
  if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max))
    return { reason: `${label} must be${range}` };
  return { value: n };
}
