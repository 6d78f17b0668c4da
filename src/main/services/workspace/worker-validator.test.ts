import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerValidator } from './worker-validator';

// A stand-in worker speaking the same protocol as validation-worker.ts (which needs bundling):
// one problem per file, and a crash on request, to test the plumbing around a real thread.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, files }) => {
  if (files.some(([p]) => p === 'crash')) process.exit(3);
  if (files.some(([p]) => p === 'throw')) return parentPort.postMessage({ id, error: 'validator threw' });
  parentPort.postMessage({ id, problems: files.map(([path, text]) => ({ path, line: text.length, column: 1, severity: 'error', message: 'seen', source: 'test' })) });
});`;

let dir: string;
let workerPath: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bdp-wv-'));
  workerPath = path.join(dir, 'worker.cjs');
  await writeFile(workerPath, WORKER);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('createWorkerValidator', () => {
  it('answers each request with its own result, in order', async () => {
    const validate = createWorkerValidator(workerPath);
    const [a, b] = await Promise.all([
      validate(new Map([['a.yaml', 'xx']])),
      validate(new Map([['b.yaml', 'yyy']])),
    ]);
    expect(a).toEqual([expect.objectContaining({ path: 'a.yaml', line: 2 })]);
    expect(b).toEqual([expect.objectContaining({ path: 'b.yaml', line: 3 })]);
    await validate.dispose();
  });

  it('rejects when the validator throws, and keeps working', async () => {
    const validate = createWorkerValidator(workerPath);
    await expect(validate(new Map([['throw', '']]))).rejects.toThrow('validator threw');
    expect(await validate(new Map([['ok', 'z']]))).toHaveLength(1);
    await validate.dispose();
  });

  it('restarts the worker after it died', async () => {
    const validate = createWorkerValidator(workerPath);
    await expect(validate(new Map([['crash', '']]))).rejects.toThrow();
    expect(await validate(new Map([['after', 'abcd']]))).toEqual([expect.objectContaining({ line: 4 })]);
    await validate.dispose();
  });
});
