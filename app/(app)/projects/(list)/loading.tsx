import { SkeletonRows } from '@/components/ui/states';

export default function Loading() {
  return (
    <div className="space-y-6">
      <div className="h-8 w-48 animate-pulse rounded-md bg-stone-200/70" />
      <SkeletonRows rows={6} />
    </div>
  );
}
