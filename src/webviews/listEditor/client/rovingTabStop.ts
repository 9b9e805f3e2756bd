/**
 * One Tab stop for the table's rows, as in a WAI-ARIA grid: Tab enters the table at the row last
 * focused (or the first drawn) and the next Tab leaves it; the arrow keys, Home/End and Page Up/Down
 * move between rows. Without it every drawn row was a Tab stop, and reaching the buttons below a long
 * list took dozens of Tabs.
 */
export class RovingTabStop {
  private id: string | undefined;

  constructor(private readonly body: HTMLElement) {
    body.addEventListener('focusin', e => {
      const tr = (e.target as HTMLElement).closest('tr.row[data-id]');
      if (!tr || tr.classList.contains('editing')) return;
      this.id = tr.getAttribute('data-id') ?? undefined;
      this.apply();
    });
  }

  /** After each draw (rows are cached and reused): exactly one drawn row takes Tab. */
  apply(): void {
    const rows = this.body.querySelectorAll<HTMLTableRowElement>('tr.row[data-id]:not(.editing)');
    let stop: HTMLTableRowElement | undefined;
    for (const r of rows) if (r.getAttribute('data-id') === this.id) stop = r;
    stop ??= rows[0];
    for (const r of rows) r.tabIndex = r === stop ? 0 : -1;
  }
}
