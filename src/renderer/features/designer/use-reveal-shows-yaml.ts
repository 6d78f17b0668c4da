import { useEffect } from 'react';
import { useStore } from '../../app/store';
import { editorStore } from '../editor';
import { showYamlOf } from './editor-mode-store';

let handledReveal = 0;

/** A line of this workflow was asked for (a problem, Go to Line, F8): its YAML comes beside the canvas to show it. */
export function useRevealShowsYaml(path: string): void {
  const reveal = useStore(editorStore, (s) => s.reveal);
  useEffect(() => {
    if (!reveal || reveal.path !== path || reveal.seq <= handledReveal) return;
    handledReveal = reveal.seq;
    showYamlOf(path);
  }, [reveal, path]);
}
