/**
 * Ids that package.json, the code, the docs and outside tests share. A unit test checks each one
 * against package.json so the two never drift.
 */
export const VIEW_CONTAINER_ID = 'warpFleet';

export const ViewIds = {
  devices: 'warpFleet.devices',
  profiles: 'warpFleet.profiles',
  connectors: 'warpFleet.connectors',
} as const;

export const CommandIds = {
  signIn: 'warpFleet.signIn',
  signInWithGlobalKey: 'warpFleet.signInWithGlobalKey',
  signOut: 'warpFleet.signOut',
  selectAccount: 'warpFleet.selectAccount',
  refresh: 'warpFleet.refresh',
  showLog: 'warpFleet.showLog',
  loadMore: 'warpFleet.loadMore',
  editSplitTunnel: 'warpFleet.editSplitTunnel',
  editFallbackDomains: 'warpFleet.editFallbackDomains',
  filterDevices: 'warpFleet.filterDevices',
  clearDeviceFilter: 'warpFleet.clearDeviceFilter',
  groupDevices: 'warpFleet.groupDevices',
  sortDevices: 'warpFleet.sortDevices',
  revokeDevices: 'warpFleet.revokeDevices',
  unrevokeDevices: 'warpFleet.unrevokeDevices',
  revokeRegistrations: 'warpFleet.revokeRegistrations',
  unrevokeRegistrations: 'warpFleet.unrevokeRegistrations',
  revokeAllRegistrations: 'warpFleet.revokeAllRegistrations',
  deleteRegistrations: 'warpFleet.deleteRegistrations',
  deletePhysicalDevices: 'warpFleet.deletePhysicalDevices',
  showOverrideCodes: 'warpFleet.showOverrideCodes',
  showDeviceDetails: 'warpFleet.showDeviceDetails',
  refreshDeviceDetails: 'warpFleet.refreshDeviceDetails',
  sweepStaleDevices: 'warpFleet.sweepStaleDevices',
  exportDevices: 'warpFleet.exportDevices',
  copyId: 'warpFleet.copyId',
  copyName: 'warpFleet.copyName',
  openInDashboard: 'warpFleet.openInDashboard',
  filterConnectors: 'warpFleet.filterConnectors',
  clearConnectorsFilter: 'warpFleet.clearConnectorsFilter',
  toggleDeletedTunnels: 'warpFleet.toggleDeletedTunnels',
  retryTunnelConnectors: 'warpFleet.retryTunnelConnectors',
  createProfile: 'warpFleet.createProfile',
  editProfile: 'warpFleet.editProfile',
  deleteProfile: 'warpFleet.deleteProfile',
  moveProfileUp: 'warpFleet.moveProfileUp',
  moveProfileDown: 'warpFleet.moveProfileDown',
  setCertificateProvisioning: 'warpFleet.setCertificateProvisioning',
  explainProfile: 'warpFleet.explainProfile',
  testRoute: 'warpFleet.testRoute',
  showListHistory: 'warpFleet.showListHistory',
  compareLists: 'warpFleet.compareLists',
  copyListEntries: 'warpFleet.copyListEntries',
  exportProfileAsCode: 'warpFleet.exportProfileAsCode',
} as const;

export const SettingIds = {
  apiBaseUrl: 'warpFleet.apiBaseUrl',
  accountId: 'warpFleet.accountId',
  pageSize: 'warpFleet.pageSize',
  autoRefreshSeconds: 'warpFleet.autoRefreshSeconds',
  requestTimeoutSeconds: 'warpFleet.requestTimeoutSeconds',
  deviceApi: 'warpFleet.deviceApi',
} as const;

/** Context keys set with `setContext` and tested in `when` clauses. */
export const ContextKeys = {
  signedIn: 'warpFleet.signedIn',
  /**
   * True only once the extension knows nobody is signed in. The views' sign-in welcome tests this, not
   * `!signedIn`: that also holds before activation, so the welcome would flash while the extension
   * starts, take the keyboard focus a "Focus on Devices View" gives the view, and drop it on the page's
   * body when it is replaced by the tree (issue 16, keyboard test).
   */
  signedOut: 'warpFleet.signedOut',
  devicesFiltered: 'warpFleet.devicesFiltered',
  deviceDetailsOpen: 'warpFleet.deviceDetailsOpen',
  connectorsFiltered: 'warpFleet.connectorsFiltered',
  /** 'legacy' or 'registrations': which device API the loaded fleet came from (palette entries of the new API test it). */
  deviceApi: 'warpFleet.deviceApi',
} as const;

/** SecretStorage keys, namespaced so no other extension's keys can collide. */
export const SecretKeys = {
  credentials: 'warpFleet.credentials.v1',
} as const;

/**
 * The flags a tree item's contextValue is made of (`device;revoked;hasUser`). package.json's menus test
 * one flag each (`viewItem =~ /(^|;)revoked(;|$)/`); a unit test checks that every flag they test is
 * here and that every one here is set by some node. Some items add a value from the API or the query
 * after these (a tunnel's status, a group's kind, a Split Tunnel mode).
 */
export const ViewItemFlags = {
  device: 'device',
  physical: 'physical',
  active: 'active',
  revoked: 'revoked',
  deleted: 'deleted',
  hasUser: 'hasUser',
  canRevoke: 'canRevoke',
  canUnrevoke: 'canUnrevoke',
  registration: 'registration',
  deviceGroup: 'deviceGroup',
  loadMore: 'loadMore',
  profile: 'profile',
  default: 'default',
  custom: 'custom',
  enabled: 'enabled',
  disabled: 'disabled',
  canMoveUp: 'canMoveUp',
  canMoveDown: 'canMoveDown',
  hasId: 'hasId',
  splitTunnel: 'splitTunnel',
  fallbackDomains: 'fallbackDomains',
  ipProfiles: 'ipProfiles',
  ipProfile: 'ipProfile',
  tunnel: 'tunnel',
  live: 'live',
  connector: 'connector',
  connection: 'connection',
  message: 'message',
  error: 'error',
} as const;

export const DEFAULT_API_BASE_URL = 'https://api.cloudflare.com/client/v4';
