import { dismiss, notificationStore } from '../app/notifications';
import { useStore } from '../app/store';
import { Codicon } from './Codicon';
import './toasts.css';

/** Notifications, bottom right, above the status bar. */
export function Toasts() {
  const list = useStore(notificationStore, (s) => s);
  if (list.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((n) => (
        <div
          key={n.id}
          className={`toast toast-${n.severity}`}
          data-testid="toast"
          data-severity={n.severity}
        >
          <Codicon name={n.severity === 'info' ? 'info' : n.severity} className={`sev-${n.severity}`} />
          <div className="toast-message">
            {n.message}
            {n.detail && <span className="toast-detail">{n.detail}</span>}
            {n.count > 1 && (
              <span className="count-badge" data-testid="toast-count" title={`Raised ${n.count} times`}>
                {n.count}
              </span>
            )}
          </div>
          <button
            className="icon-button"
            title="Clear notification"
            aria-label="Clear notification"
            onClick={() => dismiss(n.id)}
          >
            <Codicon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
