import { SkeletonRows, Spinner } from '@/components/ui/states';

export default function Loading() {
  return (
    <div className="space-y-4">
      <Spinner label="Finding the disagreements…" />
      <SkeletonRows rows={8} />
    </div>
  );
}
