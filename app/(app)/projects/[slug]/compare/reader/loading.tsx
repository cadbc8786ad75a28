import { LoadingPanel } from '@/components/ui/states';

export default function Loading() {
  return <LoadingPanel label="Comparing the articles…" />;
}
