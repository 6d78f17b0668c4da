import { useEffect } from 'react';
import { commands, isMac } from './commands';
import { notifyError } from './notifications';
import { client } from '../platform/services';

// Monaco may take input through an EditContext <div>, which is neither a textarea nor contenteditable.
const isTextInput = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement &&
  (el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.isContentEditable ||
    el.closest('.monaco-editor') !== null);

/** One window-level dispatcher: key events (and native menu clicks) resolve to registry commands. */
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
    // The desktop shell's native menu runs the same commands by id.
    const disposeMenu = client.nativeHost.onDidRequestCommand(({ command }) => {
      commands.execute(command).catch((error) => notifyError(error, command));
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      disposeMenu();
    };
  }, []);
}
