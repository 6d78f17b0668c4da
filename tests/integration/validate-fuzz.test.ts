import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/shared/seeded-random';
import { classifyWorkspaceFile, validateWorkspace } from '../../src/shared/model/validate-file';

const SAMPLE = join(__dirname, '..', '..', 'resources', 'sample-workspace');

function sampleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const rel = relative(SAMPLE, abs).split(sep).join('/');
      if (statSync(abs).isDirectory()) walk(abs);
      else files.set(rel, classifyWorkspaceFile(rel) === 'other' ? '' : readFileSync(abs, 'utf8'));
    }
  };
  walk(SAMPLE);
  return files;
}

const SNIPPETS = [
  ': ',
  '- ',
  '&a ',
  '*a',
  '<<: *a\n',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '\t',
  '\n  ',
  '#',
  '|\n',
  '>-\n',
  '---\n',
  '...\n',
  '!!binary ',
  '!tag ',
  '%YAML 1.1\n',
  '? ',
  '\uFFFD',
  '\u0000',
  '${',
  '}',
  'null',
  '~',
  '0x',
  '1e999',
  '-.inf',
  'yes',
];

/** One mutation of `text`: flipped, cut, duplicated or injected characters and lines. */
function mutate(text: string, rand: () => number): string {
  const at = Math.floor(rand() * (text.length + 1));
  switch (Math.floor(rand() * 7)) {
    case 0:
      return text.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20));
    case 2: {
      const lines = text.split('\n');
      const i = Math.floor(rand() * lines.length);
      lines.splice(i, 0, lines[Math.floor(rand() * lines.length)]);
      return lines.join('\n');
    }
    case 3:
      return text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + text.slice(at + 1);
    case 4:
      return text.slice(0, at) + '['.repeat(Math.floor(rand() * 400)) + text.slice(at);
    case 5: {
      const lines = text.split('\n');
      const i = Math.floor(rand() * lines.length);
      lines[i] = ' '.repeat(Math.floor(rand() * 6)) + lines[i].trimStart();
      return lines.join('\n');
    }
    default:
      return (
        text.slice(0, at) +
        'a: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n' +
        text.slice(at)
      );
  }
}

describe('workspace validation under 1,200 mutated files (seed 20261207)', () => {
  it('never throws, and every problem names its file and a line', () => {
    const base = sampleFiles();
    const models = [...base.keys()].filter((p) => classifyWorkspaceFile(p) !== 'other');
    const rand = seededRandom(20261207);
    let withProblems = 0;
    for (let i = 0; i < 1200; i++) {
      const target = models[i % models.length];
      let text = base.get(target)!;
      const n = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < n; k++) text = mutate(text, rand);
      const files = new Map(base).set(target, text);
      let problems: ReturnType<typeof validateWorkspace>;
      try {
        problems = validateWorkspace(files);
      } catch (error) {
        throw new Error(`case ${i} (${target}) crashed the validator: ${String(error)}\n${text}`, {
          cause: error,
        });
      }
      if (problems.length > 0) withProblems++;
      for (const p of problems) {
        expect(files.has(p.path), `case ${i}: a problem names an unknown file ${p.path}`).toBe(true);
        expect(p.line >= 1 && p.column >= 1, `case ${i}: ${p.path} ${p.message} has no position`).toBe(true);
        expect(p.message.length, `case ${i}: empty message`).toBeGreaterThan(0);
      }
    }
    // The mutations do break files: most cases report something.
    expect(withProblems).toBeGreaterThan(600);
  }, 120_000);
});
