// The Split Tunnel / Local Domain Fallback editor (a webview) as the UI tests drive it. The webview
// shows a committed row at once, but the host owns the list: Save (and Ctrl+S) is enabled only once the
// host has answered the edit. Every action here waits for the state that makes the next one valid.
import type { FrameLocator, Locator } from 'playwright-core';
import { pollUntil } from './util';
import type { Workbench } from './workbench';

export class ListEditor {
  constructor(private readonly wb: Workbench) {}

  /** The editor's document (inside the shown webview's two iframes). */
  get frame(): FrameLocator {
    return this.wb.webview();
  }

  row(text: string | RegExp): Locator {
    return this.frame.locator('tr.row', { hasText: text }).first();
  }

  /** Opens a list from the palette ("WARP Fleet: Edit Split Tunnel", a profile) and waits for its rows. */
  async open(command: string, profile: RegExp, title: string, rows: number): Promise<void> {
    await this.wb.runCommand(command);
    await this.wb.pick(profile);
    await this.frame.locator('h1.title', { hasText: title }).waitFor({ state: 'visible' });
    if (rows > 0) await this.frame.locator('tbody tr.row').nth(rows - 1).waitFor({ state: 'attached' });
  }

  /** Adds a row as a person does: Add entry, type the fields (Tab between them), Enter; waits for the row. */
  async addRow(values: string[]): Promise<void> {
    const f = this.frame;
    await f.getByRole('button', { name: 'Add entry' }).click();
    const first = f.locator('tr.editing input[data-field="value"]');
    await first.waitFor({ state: 'visible' });
    await first.fill(values[0]);
    for (const v of values.slice(1)) {
      await this.wb.page.keyboard.press('Tab');
      await this.wb.page.keyboard.type(v);
    }
    await this.wb.page.keyboard.press('Enter');
    await f.locator('tr.editing').waitFor({ state: 'detached' });
    await this.row(values[0]).waitFor({ state: 'visible' });
  }

  /** The host has answered every edit so far with a savable state: "Unsaved changes" and Save enabled. */
  async waitForSavable(): Promise<void> {
    await this.frame.locator('.header .dirty').waitFor({ state: 'visible' });
    await this.frame.locator('button[data-action="save"]:not([disabled])').waitFor({ state: 'visible' });
  }

  /**
   * Ctrl+S as a person presses it: first the host has taken the edits (Save enabled; before that the
   * keystroke is ignored), then the row is clicked so the webview holds the keyboard focus, then the
   * key; returns when the editor says it saved.
   */
  async saveWithKeyboard(rowText: string): Promise<void> {
    await this.waitForSavable();
    const row = this.row(rowText);
    await row.locator('td.col-index').click(); // not the middle: the row's Edit/Remove buttons are on its right
    await pollUntil(() => row.evaluate(el => document.hasFocus() && document.activeElement === el), 'the webview to hold the keyboard focus on the row');
    await this.wb.page.keyboard.press('Control+s');
    await this.waitForSaved();
  }

  /** The save went through: the unsaved mark is gone and the notice says how many entries were saved. */
  async waitForSaved(): Promise<void> {
    await this.frame.locator('.notice', { hasText: /^Saved \d+ entr/ }).waitFor({ state: 'visible' });
    await this.frame.locator('.header .dirty').waitFor({ state: 'hidden' });
  }

  /**
   * Starts recording the states the webview stores with setState (VS Code keeps them to restore the
   * webview when it is shown again). Returns a function that waits until one holds `text`.
   */
  async recordStoredStates(): Promise<(text: string) => Promise<void>> {
    const host = await this.wb.webviewHost();
    // The host frame forwards the document's setState to the workbench over a MessagePort.
    await host.evaluate(() => {
      const w = window as unknown as { __storedStates?: string[] };
      if (w.__storedStates) return;
      w.__storedStates = [];
      const original = MessagePort.prototype.postMessage;
      MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
        const m = message as { channel?: string; data?: unknown };
        if (m?.channel === 'do-update-state') w.__storedStates!.push(String(m.data));
        return (original as (...a: unknown[]) => void).call(this, message, ...rest);
      } as typeof MessagePort.prototype.postMessage;
    });
    return text =>
      pollUntil(() => host.evaluate(t => ((window as unknown as { __storedStates?: string[] }).__storedStates ?? []).some(s => s.includes(t)), text), `the webview to store a state holding "${text}"`);
  }
}
