import type { ReactNode } from "react";

/**
 * The sideways-scrolling box around a table. A table wider than the screen scrolls inside it, so
 * it must take keyboard focus (arrow keys then scroll it) and be a named region for screen readers
 * (WCAG 2.1.1, axe `scrollable-region-focusable`). `label` names the table, usually its heading.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
