import { useEffect } from 'react';
import { commands, isMac } from './commands';
import { notifyError } from './notifications';

const isTextInput = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);

/** One window-level dispatcher: key events resolve to registry commands. */
export function useKeybindings(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // Plain keys (F2, Delete, letters) belong to the focused input; chords with Ctrl/Cmd still work there.
      if (isTextInput(e.target) && !e.ctrlKey && !e.metaKey && !/^F\d+$/.test(e.key)) return;
      const command = commands.resolveKey(e, isMac);
      if (!command) return;
      e.preventDefault();
      e.stopPropagation();
      Promise.resolve()
        .then(() => command.run())
        .catch((error) => notifyError(error, command.title));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
