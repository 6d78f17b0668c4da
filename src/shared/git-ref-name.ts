/**
 * Why `name` cannot be a local branch name, or null when it can. Follows `git check-ref-format
 * --branch` (the rules of git-check-ref-format(1) for `refs/heads/<name>`), a little stricter:
 * `//` and a trailing `/` are refused instead of being normalised away.
 */
export function branchNameProblem(name: string): string | null {
  if (name === '') return 'Enter a branch name.';
  if (name.length > 255) return 'A branch name has at most 255 characters.';
  if (name.startsWith('-')) return 'A branch name cannot start with "-".';
  if (name === 'HEAD' || name === '@') return `"${name}" is reserved by git.`;
  // eslint-disable-next-line no-control-regex
  const bad = /[\x00-\x20\x7f~^:?*[\\]/.exec(name);
  if (bad)
    return bad[0] === ' '
      ? 'A branch name cannot contain spaces.'
      : `A branch name cannot contain "${describe(bad[0])}".`;
  if (name.includes('..')) return 'A branch name cannot contain "..".';
  if (name.includes('@{')) return 'A branch name cannot contain "@{".';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return 'A branch name cannot start or end with "/" or contain "//".';
  if (name.endsWith('.')) return 'A branch name cannot end with ".".';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return 'No part of a branch name (between "/") can start with ".".';
    if (part.endsWith('.lock')) return 'No part of a branch name (between "/") can end with ".lock".';
  }
  return null;
}

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
}

/** VS Code's suggestion while typing: whitespace becomes `-` (the result is still validated). */
export function sanitizeBranchInput(text: string): string {
  return text.replace(/\s+/g, '-');
}
