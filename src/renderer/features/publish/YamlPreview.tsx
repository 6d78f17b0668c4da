import { ReadOnlyCode } from '../../ui/monaco/ReadOnlyCode';

/** A read-only YAML view, for definitions that are new on the target (nothing to diff against). */
export function YamlPreview({ text }: { text: string }) {
  return <ReadOnlyCode text={text} language="yaml" className="plan-diff-editor" testId="plan-preview" />;
}
