'use client';
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';

/**
 * A windowed list with fixed row heights: a document can carry thousands of annotations, and
 * rendering only the rows in view keeps the side panel instant.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  renderRow,
  className,
  label,
  scrollToIndex,
  ref: outerRef,
}: {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ReactNode;
  className?: string;
  label: string;
  scrollToIndex?: number;
  /** The scrolling element, for a parent that moves the focus between rows. */
  ref?: Ref<HTMLDivElement>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el || scrollToIndex === undefined || scrollToIndex < 0) return;
    const top = scrollToIndex * rowHeight;
    if (top < el.scrollTop || top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top - el.clientHeight / 3;
  }, [scrollToIndex, rowHeight]);
  const overscan = 6;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return (
    <div
      ref={(el) => {
        ref.current = el;
        if (typeof outerRef === 'function') outerRef(el);
        else if (outerRef) outerRef.current = el;
      }}
      role="list" aria-label={label} className={className} style={{ overflowY: 'auto' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, k) => (
          <div key={first + k} role="listitem" style={{ position: 'absolute', top: (first + k) * rowHeight, height: rowHeight, left: 0, right: 0 }}>
            {renderRow(item, first + k)}
          </div>
        ))}
      </div>
    </div>
  );
}
