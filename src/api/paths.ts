/** Builds an API path from segments, encoding each one so an id can never change the route. */
export function apiPath(...segments: string[]): string {
  return '/' + segments.map(s => encodeURIComponent(s)).join('/');
}

export function accountPath(accountId: string, ...segments: string[]): string {
  return apiPath('accounts', accountId, ...segments);
}
