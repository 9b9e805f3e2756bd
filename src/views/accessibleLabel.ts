import type * as vscode from 'vscode';

/**
 * What a screen reader says for a tree item that sets no accessibilityInformation: the item's name
 * first, then its count or state (the description), then the hint (a plain-text tooltip). Without it
 * VS Code reads the tooltip alone, so the Split Tunnel item said "These routes bypass WARP. Click to
 * edit the list." and never which list or how long it is. Markdown tooltips (tables of details) are
 * left to the hover.
 */
export function accessibleLabel(item: Pick<vscode.TreeItem, 'label' | 'description' | 'tooltip'>): string {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const description = typeof item.description === 'string' ? item.description : '';
  const hint = typeof item.tooltip === 'string' ? item.tooltip : '';
  return [label, description, hint].filter(s => s.trim() !== '').join(', ');
}

/** The item with its accessible label set to accessibleLabel() unless the node set one of its own. */
export function withAccessibleLabel(item: vscode.TreeItem): vscode.TreeItem {
  if (!item.accessibilityInformation) item.accessibilityInformation = { label: accessibleLabel(item) };
  return item;
}
