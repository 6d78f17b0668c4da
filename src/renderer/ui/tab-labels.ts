/**
 * Labels for view tabs (`bdp:/…` paths) whose last path segment would read like a plain file
 * name, e.g. a diff of `scripts/x.py` that must not look like the file's own tab.
 */
type LabelProvider = (path: string) => string | null;

const providers: LabelProvider[] = [];

export function registerTabLabel(provider: LabelProvider): void {
  providers.push(provider);
}

/** The registered label for `path`, or null (then the file name is shown). */
export function tabLabel(path: string): string | null {
  for (const provider of providers) {
    const label = provider(path);
    if (label !== null) return label;
  }
  return null;
}
