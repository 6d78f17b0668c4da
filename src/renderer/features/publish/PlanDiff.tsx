import { ReadOnlyDiff } from '../../ui/monaco/ReadOnlyDiff';

/** Remote (left) against local (right) YAML in Monaco's diff editor, read-only. */
export function PlanDiff({
  before,
  after,
  sideBySide,
}: {
  before: string;
  after: string;
  sideBySide: boolean;
}) {
  return (
    <ReadOnlyDiff
      original={before}
      modified={after}
      language="yaml"
      sideBySide={sideBySide}
      className="plan-diff-editor"
      testId="plan-diff"
    />
  );
}
