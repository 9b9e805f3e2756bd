// The list editor's webview script: bundled by esbuild into dist/webviews/listEditor.js (browser IIFE).
// It has no `vscode` import: it talks to the extension only through the typed messages of protocol.ts.
import { isHostMessage, type PersistedState, type WebviewMessage } from '../protocol';
import { ListEditorView } from './view';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const view = new ListEditorView(document.getElementById('app')!, {
  post: m => api.postMessage(m),
  getState: () => api.getState(),
  setState: s => api.setState(s),
});

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (isHostMessage(e.data)) view.receive(e.data);
});
// The handshake: the host sends `init` (strings, target, state) once this arrives.
api.postMessage({ type: 'ready' });
