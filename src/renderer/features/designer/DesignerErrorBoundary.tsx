import { Component, type ReactNode } from 'react';
import { Codicon } from '../../ui/Codicon';

interface State {
  error: Error | null;
}

/** Keeps a designer failure (or a chunk that failed to load) inside the designer pane. */
export class DesignerErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="designer designer-failed" role="alert">
        <Codicon name="error" />
        <span>The designer could not be shown: {this.state.error.message}</span>
        <button className="link-button" onClick={() => this.setState({ error: null })}>
          Retry
        </button>
      </div>
    );
  }
}
