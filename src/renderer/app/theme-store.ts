import type { Theme } from '../../shared/contract';
import { client } from '../platform/services';
import { attempt } from './notifications';
import { createStore } from './store';

export type ResolvedTheme = 'dark' | 'light';

const CACHE_KEY = 'bdp.theme';
const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : null;

/** The theme setting (`system` follows the OS) and what it resolves to. */
export const themeStore = createStore<{ setting: Theme; resolved: ResolvedTheme }>({
  setting: 'dark',
  resolved: 'dark',
});

function resolve(setting: Theme): ResolvedTheme {
  if (setting === 'system') return media?.matches ? 'light' : 'dark';
  return setting;
}

function apply(setting: Theme): void {
  const resolved = resolve(setting);
  document.documentElement.dataset.theme = resolved;
  themeStore.set({ setting, resolved });
  try {
    localStorage.setItem(CACHE_KEY, setting);
  } catch {
    // Storage may be unavailable; the setting still comes from the settings service.
  }
}

/** Applies the last known theme before the first render, so the window does not flash. */
export function applyCachedTheme(): void {
  let cached: string | null;
  try {
    cached = localStorage.getItem(CACHE_KEY);
  } catch {
    cached = null;
  }
  apply(cached === 'light' || cached === 'system' ? cached : 'dark');
  media?.addEventListener('change', () => {
    if (themeStore.get().setting === 'system') apply('system');
  });
}

/** Reads the persisted setting and follows changes made elsewhere (another window). */
let themeInitialised = false;
export async function initTheme(): Promise<void> {
  if (themeInitialised) return;
  themeInitialised = true;
  client.settings.onDidChangeSettings((s) => apply(s.theme));
  const settings = await attempt(() => client.settings.get(), 'Could not read settings');
  if (settings) apply(settings.theme);
}

export async function setTheme(theme: Theme): Promise<void> {
  apply(theme);
  await attempt(() => client.settings.update({ patch: { theme } }), 'Could not save the theme');
}

export function toggleTheme(): Promise<void> {
  return setTheme(themeStore.get().resolved === 'dark' ? 'light' : 'dark');
}
