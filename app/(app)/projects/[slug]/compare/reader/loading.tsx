import { SkeletonRows, Spinner } from '@/components/ui/states';

export default function Loading() {
  return (
    <div className="space-y-4">
      <Spinner label="Comparing the articles…" />
      <SkeletonRows rows={8} />
    </div>
  );
}
