export default function Loading() {
  return (
    <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem]" aria-busy="true">
      <div className="animate-pulse space-y-4 rounded-2xl bg-white px-12 py-10 ring-1 ring-stone-200">
        <div className="h-8 w-3/4 rounded bg-stone-200" />
        <div className="h-4 w-1/3 rounded bg-stone-200" />
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-4 rounded bg-stone-100" style={{ width: `${85 + ((i * 7) % 15)}%` }} />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-xl bg-white ring-1 ring-stone-200" />
    </div>
  );
}
