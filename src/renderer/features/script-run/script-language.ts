import type { ScriptLanguage } from '../../../shared/contract/runner';
import { monacoLanguageOf } from '../../ui/language-of';

/** The language a file runs as, or null when it cannot run. */
export function runnableLanguage(path: string | null | undefined): ScriptLanguage | null {
  if (!path) return null;
  const id = monacoLanguageOf(path);
  return id === 'python' || id === 'shell' || id === 'sql' || id === 'hql' ? id : null;
}
