import { Codicon } from '../../ui/Codicon';

/** Shown instead of the text: binary file, unreadable file, deleted file. */
export function TextViewMessage({
  icon,
  title,
  detail,
  path,
}: {
  icon: string;
  title: string;
  detail: string;
  path: string;
}) {
  return (
    <div className="text-view-message" data-testid="text-view-message" data-path={path}>
      <Codicon name={icon} className="text-view-message-icon" />
      <div className="text-view-message-title">{title}</div>
      <div className="text-view-message-detail">{detail}</div>
    </div>
  );
}
