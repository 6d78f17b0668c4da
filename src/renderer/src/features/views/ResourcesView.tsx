import { FileListView } from './FileListView';

export function ResourcesView() {
  return (
    <FileListView
      suffix=".resource.yaml"
      icon="package"
      tone="resource"
      noun="resource"
      testId="resources-list"
      emptyDetail="Resources are versioned scripts described by resources/<name>.resource.yaml."
    />
  );
}
