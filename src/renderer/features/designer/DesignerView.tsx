import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './designer.css';
import { DesignerCanvas } from './DesignerCanvas';

/** The workflow designer for one `*.workflow.yaml` tab; the YAML editor sits beside it. */
export function DesignerView({ path }: { path: string }) {
  return (
    <ReactFlowProvider>
      <DesignerCanvas path={path} />
    </ReactFlowProvider>
  );
}
