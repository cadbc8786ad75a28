/**
 * A drop-down checkbox list for GET filter forms: the chosen values go into the URL as repeated
 * parameters (name=a&name=b), so filtered views can be shared as links and work without scripts.
 */
export function Checklist({
  name,
  label,
  summary,
  options,
  chosen,
  wide = false,
}: {
  name: string;
  label: string;
  summary: string;
  options: { id: string; label: string; hint?: string; color?: string }[];
  chosen: string[];
  wide?: boolean;
}) {
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-stone-300 hover:bg-stone-50"
        data-testid={`filter-${name}`}
      >
        <span className="font-medium text-stone-800">{label}</span>
        <span className="tabular-nums text-stone-500">{summary}</span>
        <span aria-hidden className="text-stone-400 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <fieldset
        className={`absolute left-0 z-20 mt-1 max-h-80 overflow-y-auto rounded-lg border border-stone-200 bg-white p-2 shadow-lg ${wide ? 'w-[26rem]' : 'w-64'}`}
      >
        <legend className="sr-only">{label}</legend>
        {options.map((o) => (
          <label key={o.id} className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 text-sm hover:bg-stone-50">
            <input type="checkbox" name={name} value={o.id} defaultChecked={chosen.includes(o.id)} className="mt-0.5 accent-accent-600" />
            {o.color ? <span aria-hidden className="mt-1 h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: o.color }} /> : null}
            <span className="min-w-0">
              <span className="block text-stone-800">{o.label}</span>
              {o.hint ? <span className="block text-xs text-stone-500">{o.hint}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
