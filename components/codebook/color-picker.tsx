'use client';
import { useId } from 'react';
import { categoryPalette, colorPattern } from '@/lib/codebook/palette';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';

/** The palette as a radio group (arrow keys move between swatches) plus a hex input for any colour. */
export function ColorPicker({ value, onChange, disabled }: { value: string; onChange: (hex: string) => void; disabled?: boolean }) {
  const id = useId();
  const valid = colorPattern.test(value);
  const current = value.toLowerCase();
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-1.5 block text-sm font-medium text-stone-700">Colour</legend>
      <div className="flex flex-wrap items-center gap-3">
        <div role="radiogroup" aria-label="Palette" className="grid grid-cols-8 gap-1.5">
          {categoryPalette.map((c) => {
            const checked = current === c.hex;
            return (
              <label key={c.hex} title={`${c.name} ${c.hex}`} className="relative cursor-pointer">
                <input
                  type="radio"
                  name={`${id}-palette`}
                  value={c.hex}
                  checked={checked}
                  onChange={() => onChange(c.hex)}
                  aria-label={c.name}
                  className="peer absolute inset-0 m-0 h-full w-full cursor-pointer appearance-none opacity-0"
                />
                <span
                  aria-hidden
                  className={cn(
                    'block h-6 w-6 rounded-md ring-1 ring-black/10 transition peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent-500',
                    checked && 'ring-2 ring-stone-900 ring-offset-2',
                  )}
                  style={{ backgroundColor: c.hex }}
                />
              </label>
            );
          })}
        </div>
        <div className="flex items-center gap-2">
          <span className="h-8 w-8 shrink-0 rounded-md ring-1 ring-black/10" style={{ backgroundColor: valid ? value : 'transparent' }} aria-hidden />
          <label htmlFor={`${id}-hex`} className="sr-only">
            Hex colour
          </label>
          <input
            id={`${id}-hex`}
            value={value}
            onChange={(e) => onChange(e.target.value.trim())}
            maxLength={7}
            spellCheck={false}
            aria-invalid={!valid}
            aria-describedby={valid ? undefined : `${id}-error`}
            className={cn(inputClass, 'w-28 font-mono')}
          />
        </div>
      </div>
      <p id={`${id}-error`} role="alert" className="mt-1 min-h-4 text-xs text-red-700">
        {valid ? '' : 'Colour must be written #rrggbb, e.g. #4e79a7.'}
      </p>
    </fieldset>
  );
}
