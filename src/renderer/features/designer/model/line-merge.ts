/**
 * Three-way line merge used to keep a YAML file's own formatting when the `yaml` library
 * re-stringifies it: `original` is the file, `base` what the library prints for it unedited,
 * `edited` what it prints after an edit. Regions the edit did not touch come from `original`.
 */

/** Matched line pairs `[i, j]` of a longest common subsequence of `a` and `b` (Myers). */
export function matchLines(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < start; i++) pairs.push([i, i]);
  for (const [i, j] of myers(a.slice(start, endA), b.slice(start, endB))) pairs.push([i + start, j + start]);
  for (let i = endA, j = endB; i < a.length; i++, j++) pairs.push([i, j]);
  return pairs;
}

function myers(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const off = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let final = -1;
  for (let d = 0; d <= max && final < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        final = d;
        break;
      }
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = final; d > 0; d--) {
    const prev = trace[d - 1];
    const get = (kk: number): number => prev[kk + d - 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      pairs.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push([x, y]);
  }
  return pairs.reverse();
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/**
 * diff3 over lines: anchors are lines common to all three texts (`original` and `base` compared
 * modulo spacing); between two anchors the gap of `original` is kept when `edited` did not change
 * it, else the gap of `edited` is taken. Anchors are written as `original` has them.
 */
export function mergeLines(original: string, base: string, edited: string): string {
  if (base === edited) return original;
  const crlf = original.includes('\r\n');
  const A = (crlf ? original.replace(/\r\n/g, '\n') : original).split('\n');
  const B = base.split('\n');
  const C = edited.split('\n');
  const bToA = new Int32Array(B.length).fill(-1);
  // The library's own reformatting (comment alignment, `[ a ]` padding) does not make lines differ.
  for (const [i, j] of matchLines(A.map(normalize), B.map(normalize))) bToA[j] = i;
  const bToC = new Int32Array(B.length).fill(-1);
  for (const [j, k] of matchLines(B, C)) bToC[j] = k;
  const out: string[] = [];
  let pa = -1;
  let pb = -1;
  let pc = -1;
  const flush = (ia: number, ib: number, ic: number): void => {
    const gapA = A.slice(pa + 1, ia);
    const gapB = B.slice(pb + 1, ib);
    const gapC = C.slice(pc + 1, ic);
    out.push(...(sameLines(gapB, gapC) ? gapA : realignComments(gapA, gapC)));
  };
  for (let j = 0; j < B.length; j++) {
    const i = bToA[j];
    const k = bToC[j];
    if (i < 0 || k < 0) continue;
    flush(i, j, k);
    out.push(A[i]);
    pa = i;
    pb = j;
    pc = k;
  }
  flush(A.length, B.length, C.length);
  const text = out.join('\n');
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

function normalize(line: string): string {
  return line
    .replace(/([[{])\s+/g, '$1')
    .replace(/\s+([\]}])/g, '$1')
    .replace(/\s+/g, ' ')
    .trimEnd();
}

const TRAILING_COMMENT = /^(.*\S)\s+(#.*)$/;

/** Lines the library re-printed get their trailing comment back at the column the file had it. */
function realignComments(original: readonly string[], printed: readonly string[]): string[] {
  const columns = new Map<string, number>();
  for (const line of original) {
    const m = TRAILING_COMMENT.exec(line);
    if (m && !columns.has(m[2])) columns.set(m[2], line.length - m[2].length);
  }
  if (columns.size === 0) return [...printed];
  return printed.map((line) => {
    const m = TRAILING_COMMENT.exec(line);
    const column = m ? columns.get(m[2]) : undefined;
    if (!m || column === undefined) return line;
    return m[1] + ' '.repeat(Math.max(1, column - m[1].length)) + m[2];
  });
}
