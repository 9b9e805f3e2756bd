/**
 * Links into the Cloudflare Zero Trust dashboard, built in one place so they are easy to correct when
 * the dashboard moves a page. No `vscode` import: unit tests check the links.
 */
export const DASHBOARD_ORIGIN = 'https://one.dash.cloudflare.com';

/** Pages under https://one.dash.cloudflare.com/{account_id}/. */
export const DashboardPages = {
  home: '',
  devices: 'team/devices',
  /** Device settings profiles (Settings → WARP Client → Device settings). */
  warpClientSettings: 'settings/warp-client',
  /** Networks → Tunnels: cloudflared and WARP Connector tunnels. */
  tunnels: 'networks/tunnels',
} as const;

export type DashboardPage = (typeof DashboardPages)[keyof typeof DashboardPages];

export function dashboardUrl(accountId: string, page: DashboardPage | string): string {
  if (!/^[0-9a-zA-Z_-]+$/.test(accountId)) throw new RangeError(`Not an account id: ${JSON.stringify(accountId)}`);
  const path = page.replace(/^\/+/, '');
  return `${DASHBOARD_ORIGIN}/${accountId}/${path}`;
}

/**
 * The dashboard has no stable per-device address that we could verify, so a device opens the device
 * list, where it can be searched for by name.
 */
export function deviceDashboardUrl(accountId: string): string {
  return dashboardUrl(accountId, DashboardPages.devices);
}

/**
 * WARP Connector tunnels, their connectors and connections open the tunnels list: like devices, a
 * tunnel has no per-tunnel address we could verify.
 */
export function tunnelsDashboardUrl(accountId: string): string {
  return dashboardUrl(accountId, DashboardPages.tunnels);
}
