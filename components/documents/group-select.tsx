/**
 * A filter form's choice of one document group (a plain GET field, so the view stays in the URL):
 * "All articles", or the articles of one group.
 */
export function GroupSelect({ groups, chosen, name = 'group' }: { groups: { id: string; name: string; count: number }[]; chosen: string | null; name?: string }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-sm text-stone-700">
      <span className="text-xs font-medium text-stone-500">Group</span>
      <select name={name} defaultValue={chosen ?? ''} className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm shadow-sm ring-1 ring-inset ring-stone-300">
        <option value="">All articles</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name} ({g.count})
          </option>
        ))}
      </select>
    </label>
  );
}
