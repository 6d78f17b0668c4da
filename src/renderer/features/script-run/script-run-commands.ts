import { commands, type Command } from '../../app/commands';
import { showPanel } from '../../app/layout-store';
import { editorStore } from '../editor';
import { workspaceStore } from '../workspace';
import { breakpointStore, toggleBreakpoint } from './session-state';
import { registerRunAsTaskCommands } from './task-context';
import {
  debugCommand,
  isPaused,
  isRunning,
  runActive,
  runnableLanguage,
  showSubstituted,
  stopRun,
  subscribeScriptRunEvents,
  syncBreakpoints,
  toggleParams,
} from './script-run-store';

const hasWorkspace = (): boolean => workspaceStore.get().workspace !== null;
const runnable = (): boolean => runnableLanguage(editorStore.get().active) !== null;
const python = (): boolean => runnableLanguage(editorStore.get().active) === 'python';

const list: Command[] = [
  // F5 stays enabled with a workspace open: in the web shell an unhandled F5 would reload the page.
  {
    id: 'scriptRun.run',
    category: 'Run',
    title: 'Run Script / Continue',
    keybinding: 'F5',
    when: hasWorkspace,
    run: () => runActive('file'),
  },
  {
    id: 'scriptRun.runSelection',
    category: 'Run',
    title: 'Run Selection, Line or Current SQL Statement',
    keybinding: 'Mod+Enter',
    when: runnable,
    run: () => runActive('selection'),
  },
  {
    id: 'scriptRun.debug',
    category: 'Run',
    title: 'Debug Python Script',
    keybinding: 'Mod+Shift+D',
    when: python,
    run: () => runActive('file', 'debug'),
  },
  {
    id: 'scriptRun.trace',
    category: 'Run',
    title: 'Run Shell Script with Trace (bash -x)',
    when: () => runnableLanguage(editorStore.get().active) === 'shell',
    run: () => runActive('file', 'trace'),
  },
  {
    id: 'scriptRun.stop',
    category: 'Run',
    title: 'Stop',
    keybinding: 'Shift+F5',
    when: isRunning,
    run: stopRun,
  },
  {
    id: 'debug.stepOver',
    category: 'Debug',
    title: 'Step Over',
    keybinding: 'F10',
    when: isPaused,
    run: () => debugCommand('next'),
  },
  {
    id: 'debug.stepInto',
    category: 'Debug',
    title: 'Step Into',
    keybinding: 'F11',
    when: isPaused,
    run: () => debugCommand('step'),
  },
  {
    id: 'debug.stepOut',
    category: 'Debug',
    title: 'Step Out',
    keybinding: 'Shift+F11',
    when: isPaused,
    run: () => debugCommand('return'),
  },
  {
    id: 'debug.toggleBreakpoint',
    category: 'Debug',
    title: 'Toggle Breakpoint',
    keybinding: 'F9',
    when: () => python() && editorStore.get().cursor?.path === editorStore.get().active,
    run: () => {
      const cursor = editorStore.get().cursor;
      if (!cursor) return;
      toggleBreakpoint(cursor.path, cursor.line);
      syncBreakpoints(cursor.path, breakpointStore.get()[cursor.path] ?? []);
    },
  },
  {
    id: 'scriptRun.parameters',
    category: 'Run',
    title: 'Script Parameters and Business Date',
    when: runnable,
    run: () => toggleParams(true),
  },
  {
    id: 'scriptRun.showSubstituted',
    category: 'Run',
    title: 'Show Substituted Script',
    when: runnable,
    run: showSubstituted,
  },
  {
    id: 'view.output',
    category: 'View',
    title: 'Show Output',
    when: hasWorkspace,
    run: () => showPanel('output'),
  },
  {
    id: 'view.sqlResults',
    category: 'View',
    title: 'Show SQL Results',
    when: hasWorkspace,
    run: () => showPanel('results'),
  },
  {
    id: 'view.debug',
    category: 'View',
    title: 'Show Debug (Call Stack and Variables)',
    when: hasWorkspace,
    run: () => showPanel('debug'),
  },
];

/** Registers the Run/Debug commands and listens to script-run events; returns the disposer. */
export function registerScriptRunCommands(): () => void {
  const disposers = [
    ...list.map((c) => commands.register(c)),
    subscribeScriptRunEvents(),
    registerRunAsTaskCommands(),
  ];
  return () => disposers.forEach((d) => d());
}
