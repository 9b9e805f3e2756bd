/** The bulk paste dialog: a text area; the host parses the text (one parser for paste and import). */
import type { ListFlavor } from '../../../model/listValidation';
import { MAX_PASTE_CHARS } from '../listLimits';
import type { Strings } from '../protocol';
import { button, h } from './dom';

export function openPasteDialog(strings: Strings, flavor: ListFlavor, onAdd: (text: string) => void): void {
  const hint = flavor === 'fallback' ? strings.pasteHintFallback : strings.pasteHintSplit;
  const text = h('textarea', { class: 'input paste-text', rows: 12, spellcheck: 'false', 'aria-label': hint, placeholder: hint });
  const add = button(strings.pasteAdd, { kind: 'primary', icon: 'add' });
  const cancel = button(strings.cancel);
  const dialog = h('dialog', { class: 'paste-dialog', 'aria-label': strings.pasteTitle },
    h('h2', {}, strings.pasteTitle), h('p', { class: 'hint' }, hint), text, h('div', { class: 'dialog-buttons' }, cancel, add));
  document.body.append(dialog);
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  const tooLarge = h('p', { class: 'paste-error', role: 'alert', hidden: true }, strings.pasteTooLarge);
  text.after(tooLarge);
  add.addEventListener('click', () => {
    // Refused here, before the text travels to the host (which checks again).
    if (text.value.length > MAX_PASTE_CHARS) {
      tooLarge.hidden = false;
      return;
    }
    if (text.value.trim()) onAdd(text.value);
    close();
  });
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', e => {
    e.preventDefault();
    close();
  });
  text.addEventListener('keydown', e => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) add.click();
  });
  dialog.showModal();
  text.focus();
}
