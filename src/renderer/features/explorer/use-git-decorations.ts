import { useEffect, useMemo } from 'react';
import { useStore } from '../../app/store';
import { gitDecorations, type GitLetter, initScm, scmStore } from '../scm';

export type GitDecoration = { letter: GitLetter; folder: boolean };

/** Git letters per changed file and colours for the folders above them, from the shared status. */
export function useGitDecorations(): Map<string, GitDecoration> {
  useEffect(initScm, []);
  const files = useStore(scmStore, (s) => s.status?.files);
  return useMemo(() => gitDecorations(files ?? []), [files]);
}
