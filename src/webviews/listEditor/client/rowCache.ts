/**
 * Keeps the table cheap to re-render: a row element is reused while its content, mark and problems
 * are unchanged, and the table body is patched (remove, insert) instead of rebuilt, so an edit
 * re-lays out one row rather than the whole window of rows shown.
 */
import type { Problem } from '../../../model/listValidation';
import type { ListRow } from '../protocol';

export class RowCache {
  private readonly rows = new Map<string, { key: string; tr: HTMLTableRowElement }>();

  /** The element of a row: the cached one when nothing it shows has changed, else a new one from `make`. */
  get(row: ListRow, index: number, problems: readonly Problem[], mark: string | undefined, make: () => HTMLTableRowElement): HTMLTableRowElement {
    const key = `${row.value}\u0000${row.description}\u0000${row.dns}\u0000${mark ?? ''}\u0000${JSON.stringify(problems)}`;
    const hit = this.rows.get(row.id);
    if (hit && hit.key === key) {
      setIndex(hit.tr, index);
      return hit.tr;
    }
    const tr = make();
    this.rows.set(row.id, { key, tr });
    return tr;
  }

  /** Forgets rows that no longer exist. */
  prune(ids: ReadonlySet<string>): void {
    for (const id of [...this.rows.keys()]) if (!ids.has(id)) this.rows.delete(id);
  }
}

function setIndex(tr: HTMLTableRowElement, index: number): void {
  const label = String(index + 1);
  const span = tr.querySelector('.index');
  if (span && span.textContent !== label) {
    span.textContent = label;
    tr.setAttribute('aria-rowindex', String(index + 2));
  }
}

/** Makes `parent`'s children exactly `desired`, in order, touching only what differs. */
export function reconcile(parent: HTMLElement, desired: readonly HTMLElement[]): void {
  const keep = new Set<Element>(desired);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  let cur = parent.firstElementChild;
  for (const el of desired) {
    if (cur === el) cur = cur.nextElementSibling;
    else parent.insertBefore(el, cur);
  }
}
