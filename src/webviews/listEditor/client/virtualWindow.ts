/**
 * Virtual scrolling: which of `count` rows to put in the DOM for the scroll position, with spacer
 * heights standing in for the rest. Rows vary in height (problems make them taller), so the height is
 * an estimate measured from the rows shown. Pure: unit-tested without a DOM.
 */

/** Lists up to this many rows are drawn whole (no spacers): simple, and exact for tests and find. */
export const VIRTUAL_THRESHOLD = 400;

/** Rows drawn above and below the viewport, so a fast scroll or arrow key finds rows already there. */
export const OVERSCAN = 20;

export interface RowWindow {
  start: number;
  end: number;
  topPx: number;
  bottomPx: number;
}

export function rowWindow(count: number, scrollTop: number, viewportPx: number, rowPx: number, overscan = OVERSCAN): RowWindow {
  if (count <= VIRTUAL_THRESHOLD) return { start: 0, end: count, topPx: 0, bottomPx: 0 };
  const h = Math.max(rowPx, 1);
  const first = Math.floor(Math.max(scrollTop, 0) / h);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(Math.max(viewportPx, h) / h) + overscan);
  return { start, end, topPx: start * h, bottomPx: (count - end) * h };
}

/** The scrollTop that brings row `index` into view (nearest edge), or undefined when it is visible. */
export function scrollToShow(index: number, scrollTop: number, viewportPx: number, rowPx: number, headerPx: number): number | undefined {
  const top = index * rowPx;
  if (top < scrollTop) return top;
  if (top + rowPx > scrollTop + viewportPx - headerPx) return top + rowPx - viewportPx + headerPx;
  return undefined;
}
