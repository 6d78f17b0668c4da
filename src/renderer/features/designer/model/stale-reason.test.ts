import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../../../shared/model/validate-file';
import { staleReason } from './stale-reason';

const FILE = 'workflows/w.workflow.yaml';
const reasonOf = (text: string): string => staleReason(parseWorkflow(text, FILE).problems);

describe('staleReason', () => {
  it('names a cycle as a cycle, not as a YAML error', () => {
    const text =
      'name: w\nschedule: { type: manual }\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n  - { name: b, type: SHELL, command: "true" }\nrelations:\n  - { from: a, to: b }\n  - { from: b, to: a }\n';
    expect(reasonOf(text)).toMatch(/^The relations are not a DAG \(line \d+: cycle: /);
  });

  it('says the YAML does not parse only when it does not', () => {
    expect(reasonOf('name: [\n')).toMatch(/^The YAML does not parse \(line \d+: /);
  });

  it('names a schema error with its line', () => {
    expect(reasonOf('name: w\nschedule: { type: manual }\ntasks:\n  - { name: a, type: NOPE }\n')).toMatch(
      /^The workflow is not valid \(line 4: /,
    );
  });
});
