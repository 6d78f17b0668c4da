/** The sample workspace's workflow files, for tests: path -> text. */
export const SAMPLE_WORKFLOWS: Record<string, string> = import.meta.glob(
  '../../../resources/sample-workspace/workflows/**/*.workflow.yaml',
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

export function sampleWorkflow(name: string): string {
  const hit = Object.entries(SAMPLE_WORKFLOWS).find(([p]) => p.endsWith(`/${name}.workflow.yaml`));
  if (!hit) throw new Error(`no sample workflow ${name}`);
  return hit[1];
}
