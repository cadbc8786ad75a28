import { SkeletonRows } from '@/components/ui/states';

export default function Loading() {
  return <SkeletonRows rows={8} />;
}
