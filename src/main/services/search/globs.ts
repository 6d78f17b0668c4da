/**
 * Turns a Find in Files include/exclude field into a predicate on workspace-relative paths, the
 * way VS Code reads it: comma-separated globs; `*` and `?` stay inside one folder, `**` crosses
 * folders, `{a,b}` is either; a glob without `/` matches at any depth (`*.sql`, `scripts`), and a
 * glob naming a folder matches everything below it. Returns undefined for an empty field.
 */
export function globMatcher(field: string): ((relative: string) => boolean) | undefined {
  const globs = field
    .split(/,(?![^{]*\})/)
    .map((g) => g.trim())
    .filter((g) => g !== '');
  if (globs.length === 0) return undefined;
  const patterns = globs.map(globToRegExp);
  return (relative) => patterns.some((p) => p.test(relative));
}

export function globToRegExp(glob: string): RegExp {
  let g = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = g.startsWith('/');
  if (anchored) g = g.slice(1);
  const anyDepth = !anchored && !g.includes('/');
  let body = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slashAfter = g[i + 2] === '/';
      body += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else if (c === '{') {
      braces++;
      body += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      body += ')';
    } else if (c === ',' && braces > 0) body += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) body += '\\[';
      else {
        body += `[${g
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else body += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  body += ')'.repeat(braces);
  return new RegExp(`^${anyDepth ? '(?:.*/)?' : ''}${body}(?:/.*)?$`);
}
