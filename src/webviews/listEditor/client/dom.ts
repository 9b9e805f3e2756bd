/** A small element builder: plain DOM, no framework. */
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === undefined || c === false) continue;
    el.append(c);
  }
  return el;
}

/** A codicon glyph; decorative, so hidden from screen readers. */
export function icon(name: string, extra = ''): HTMLElement {
  return h('span', { class: `codicon codicon-${name} ${extra}`.trim(), 'aria-hidden': 'true' });
}

/** A button with a codicon and a label (or only a tooltip for icon buttons). */
export function button(label: string, opts: { icon?: string; kind?: 'primary' | 'secondary' | 'icon'; title?: string; action?: string } = {}): HTMLButtonElement {
  const kind = opts.kind ?? 'secondary';
  const b = h('button', { type: 'button', class: `btn btn-${kind}`, title: opts.title ?? (kind === 'icon' ? label : undefined), 'aria-label': kind === 'icon' ? label : undefined, 'data-action': opts.action });
  if (opts.icon) b.append(icon(opts.icon));
  if (kind !== 'icon') b.append(h('span', { class: 'label' }, label));
  return b;
}
