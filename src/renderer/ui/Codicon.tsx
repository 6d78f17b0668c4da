import { memo } from 'react';

export const Codicon = memo(function Codicon({
  name,
  className,
  title,
}: {
  name: string;
  className?: string;
  title?: string;
}) {
  return (
    <i
      aria-hidden={title ? undefined : true}
      title={title}
      className={`codicon codicon-${name}${className ? ' ' + className : ''}`}
    />
  );
});
