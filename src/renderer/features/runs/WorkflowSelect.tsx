import { useWorkflowFiles } from './use-workflow-files';

/** The workspace's workflows as a labelled select, by path. */
export function WorkflowSelect({
  id,
  testId,
  value,
  onChange,
}: {
  id: string;
  testId: string;
  value: string;
  onChange(path: string): void;
}) {
  const workflows = useWorkflowFiles();
  return (
    <>
      <label className="form-label" htmlFor={id}>
        Workflow
      </label>
      <select
        id={id}
        className="input"
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {workflows.map((w) => (
          <option key={w.path} value={w.path}>
            {w.name} — {w.path}
          </option>
        ))}
      </select>
    </>
  );
}
