'use client';
import { autoUpdate, flip, offset, shift, size, useFloating } from '@floating-ui/react-dom';
import { useLayoutEffect, useState } from 'react';

/** Room kept free at the viewport's edges. */
const margin = 8;

/** The bottom of the app's sticky header: a panel never opens over it. */
function headerBottom(): number {
  const header = document.querySelector<HTMLElement>('[data-app-header]');
  return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
}

const edges = () => ({ top: headerBottom() + margin, bottom: margin, left: margin, right: margin });

/**
 * Positions a floating panel (the tag popover, the annotation card) by a passage's box, with
 * Floating UI: below the passage when it fits, else above, moved sideways to stay in the viewport,
 * never over the app's header, and capped at the height left so that the panel scrolls inside
 * itself instead of running off the screen. It follows the passage as the page scrolls.
 */
export function useFloatingPanel(anchor: DOMRect | (() => DOMRect)) {
  const [maxHeight, setMaxHeight] = useState<number>();
  const { refs, floatingStyles } = useFloating({
    strategy: 'fixed',
    placement: 'bottom-start',
    whileElementsMounted: autoUpdate,
    middleware: [
      offset(6),
      // The header is measured on every update: it may be off screen, or taller on a phone.
      flip(() => ({ padding: edges() })),
      shift(() => ({ padding: edges(), crossAxis: true })),
      size(() => ({
        padding: edges(),
        apply: ({ availableHeight }) => setMaxHeight(Math.max(160, Math.floor(availableHeight))),
      })),
    ],
  });
  // The passage is a box, not an element (its highlight may be redrawn while the panel is open):
  // a function is asked again on every update, so the panel follows the passage as the page scrolls.
  useLayoutEffect(() => {
    refs.setReference({ getBoundingClientRect: typeof anchor === 'function' ? anchor : () => anchor });
  }, [anchor, refs]);
  return { setFloating: refs.setFloating, style: { ...floatingStyles, maxHeight } };
}
