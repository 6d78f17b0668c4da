import { EmptyState } from './EmptyState';

const TEXT: Record<'runs' | 'publish', { icon: string; title: string; detail: string }> = {
  runs: {
    icon: 'play-circle',
    title: 'Runs are coming in a later release',
    detail: 'Pre-running workflows on this machine, with business dates, logs and reruns, is not available in this build yet.',
  },
  publish: {
    icon: 'cloud-upload',
    title: 'Publish is coming in a later release',
    detail: 'Publishing workflows and resources to EnOS or DolphinScheduler is not available in this build yet.',
  },
};

export function ComingSoonView({ view }: { view: 'runs' | 'publish' }) {
  const t = TEXT[view];
  return <EmptyState icon={t.icon} title={t.title} detail={t.detail} />;
}
