import { useStore } from '../../app/store';
import { businessDateStore } from '../editor';
import { EMPTY_PARAMS, paramsStore, parseParameters, patchParams } from './session-state';
import { runnableLanguage, scriptRunStore } from './script-run-store';
import './script-run.css';

/** Parameters of the active script (kept per file for the session): business date, arguments, `key=value` lines. */
export function ScriptParamsBar({ path }: { path: string }) {
  const open = useStore(scriptRunStore, (s) => s.paramsOpen);
  const params = useStore(paramsStore, (s) => s[path] ?? EMPTY_PARAMS);
  const statusDate = useStore(businessDateStore, (s) => s);
  const language = runnableLanguage(path);
  if (!open || !language) return null;
  const { errors } = parseParameters(params.text);
  const sqlLike = language === 'sql' || language === 'hql';
  return (
    <div className="script-params" data-testid="script-params">
      <label htmlFor="script-params-date">Business date</label>
      <input
        id="script-params-date"
        className="input"
        type="date"
        value={params.businessDate || statusDate}
        title="Default: the business date in the status bar"
        data-testid="script-params-date"
        onChange={(e) =>
          patchParams(path, { businessDate: e.target.value === statusDate ? '' : e.target.value })
        }
      />
      <label htmlFor="script-params-args">{sqlLike ? 'Arguments (not used by SQL)' : 'Arguments'}</label>
      <input
        id="script-params-args"
        className="input"
        placeholder={language === 'python' ? '--date ${cal_dt}' : '${cal_dt}'}
        value={params.args}
        disabled={sqlLike}
        spellCheck={false}
        data-testid="script-params-args"
        onChange={(e) => patchParams(path, { args: e.target.value })}
      />
      <label htmlFor="script-params-text">Parameters</label>
      <textarea
        id="script-params-text"
        className="input"
        rows={2}
        placeholder={
          language === 'hql'
            ? 'key=value per line, e.g. DB=ods (also ${env.DB})'
            : 'key=value per line, e.g. region=eu (used as ${region})'
        }
        value={params.text}
        spellCheck={false}
        data-testid="script-params-text"
        onChange={(e) => patchParams(path, { text: e.target.value })}
      />
      {errors.length > 0 && (
        <div className="script-params-error" role="alert">
          {errors[0]}
        </div>
      )}
    </div>
  );
}
