/** Parameters as the `key=value` lines EnOS shows them in. */
export function formatParameters(params: Record<string, string> | undefined): string {
  return Object.entries(params ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

export function parseParameters(
  text: string,
): { ok: true; params: Record<string, string> } | { ok: false; reason: string } {
  const params: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, reason: `Line ${i + 1}: write key=value` };
    const key = line.slice(0, eq).trim();
    if (key in params) return { ok: false, reason: `Line ${i + 1}: "${key}" is given twice` };
    params[key] = line.slice(eq + 1).trim();
  }
  return { ok: true, params };
}
