import type { Problem } from '../../../../shared/contract';

/**
 * Why the canvas shows the last valid graph, in the words of the first error: a cycle or a bad
 * field is not "the YAML has errors" (the text parses; it is the workflow that is wrong).
 */
export function staleReason(problems: readonly Problem[]): string {
  const first = problems.find((p) => p.severity === 'error');
  if (!first) return 'The workflow cannot be shown';
  const where = `line ${first.line}`;
  switch (first.source) {
    case 'yaml':
      return `The YAML does not parse (${where}: ${first.message})`;
    case 'dag':
      return `The relations are not a DAG (${where}: ${first.message})`;
    default:
      return `The workflow is not valid (${where}: ${first.message})`;
  }
}
