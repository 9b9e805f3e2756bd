/**
 * The settings of a device settings profile as a flat form: what each setting is, its bounds, how a
 * typed value is checked, and the PATCH body that sends only what changed. No `vscode` import, so the
 * rules are unit-tested; the words shown to an admin live in views/profiles/settingLabels.ts.
 */
import type { ServiceModeV2, SettingsPolicy, SettingsPolicyPatch } from '../api/types';

export const BOOLEAN_FIELDS = [
  'enabled',
  'allow_mode_switch',
  'allow_updates',
  'allowed_to_leave',
  'disable_auto_fallback',
  'exclude_office_ips',
  'switch_locked',
  'register_interface_ip_with_dns',
  'sccm_vpn_boundary_support',
] as const;
export const NUMBER_FIELDS = ['auto_connect', 'captive_portal', 'lan_allow_minutes', 'lan_allow_subnet_size', 'precedence', 'proxy_port'] as const;
export const TEXT_FIELDS = ['name', 'description', 'match', 'support_url'] as const;
export const CHOICE_FIELDS = ['service_mode', 'tunnel_protocol'] as const;

export type BooleanField = (typeof BOOLEAN_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];
export type ChoiceField = (typeof CHOICE_FIELDS)[number];
/** service_mode_v2 is split into `service_mode` and `proxy_port` so each is one form row. */
export type FieldKey = BooleanField | NumberField | TextField | ChoiceField;
export type FieldValue = boolean | number | string | undefined;
export type ProfileForm = Partial<Record<FieldKey, FieldValue>>;

export const SERVICE_MODES = ['warp', 'proxy', 'posture_only', 'warp_tunnel_only', '1dot1'] as const;
export const TUNNEL_PROTOCOLS = ['wireguard', 'masque'] as const;
export const CHOICES: Record<ChoiceField, readonly string[]> = { service_mode: SERVICE_MODES, tunnel_protocol: TUNNEL_PROTOCOLS };

/** Only custom profiles have these: the default profile always applies last, to everyone else. */
export const CUSTOM_ONLY_FIELDS: readonly FieldKey[] = ['name', 'description', 'match', 'precedence'];

/** Integer bounds. Durations are in the API's units: seconds for auto_connect/captive_portal, minutes for LAN access. */
export const NUMBER_BOUNDS: Record<NumberField, { min: number; max: number }> = {
  auto_connect: { min: 0, max: 86400 },
  captive_portal: { min: 0, max: 86400 },
  lan_allow_minutes: { min: 0, max: 1440 },
  lan_allow_subnet_size: { min: 0, max: 32 },
  precedence: { min: 1, max: 2147483647 },
  proxy_port: { min: 1, max: 65535 },
};

/** The form rows, in the order the editor lists them. */
export const FORM_FIELDS: readonly FieldKey[] = [
  'name',
  'description',
  'match',
  'precedence',
  'enabled',
  'service_mode',
  'proxy_port',
  'tunnel_protocol',
  'switch_locked',
  'allow_mode_switch',
  'allowed_to_leave',
  'allow_updates',
  'auto_connect',
  'captive_portal',
  'disable_auto_fallback',
  'exclude_office_ips',
  'lan_allow_minutes',
  'lan_allow_subnet_size',
  'register_interface_ip_with_dns',
  'sccm_vpn_boundary_support',
  'support_url',
];

export type FieldKind = 'boolean' | 'number' | 'text' | 'choice';

export function fieldKind(key: FieldKey): FieldKind {
  if ((BOOLEAN_FIELDS as readonly string[]).includes(key)) return 'boolean';
  if ((NUMBER_FIELDS as readonly string[]).includes(key)) return 'number';
  if ((CHOICE_FIELDS as readonly string[]).includes(key)) return 'choice';
  return 'text';
}

/** The rows a profile's form shows: no name/match/precedence on the default, a port only in proxy mode. */
export function visibleFields(form: ProfileForm, isDefault: boolean): FieldKey[] {
  return FORM_FIELDS.filter(k => !(isDefault && CUSTOM_ONLY_FIELDS.includes(k)) && (k !== 'proxy_port' || form.service_mode === 'proxy'));
}

export function formFromProfile(p: SettingsPolicy): ProfileForm {
  const form: ProfileForm = {};
  for (const key of [...BOOLEAN_FIELDS, ...NUMBER_FIELDS, ...TEXT_FIELDS, 'tunnel_protocol'] as const) {
    if (key !== 'proxy_port') form[key] = (p as Record<string, FieldValue>)[key];
  }
  form.service_mode = p.service_mode_v2?.mode;
  form.proxy_port = p.service_mode_v2?.port;
  if (p.default) for (const k of CUSTOM_ONLY_FIELDS) delete form[k];
  return form;
}

/** The fields whose value differs from the original (an empty text and no text are the same). */
export function changedFields(original: ProfileForm, form: ProfileForm): FieldKey[] {
  const norm = (v: FieldValue) => (v === '' ? undefined : v);
  return FORM_FIELDS.filter(k => k in form && norm(form[k]) !== norm(original[k]));
}

/**
 * The PATCH body: only what changed. service_mode_v2 is one object on the API, so a change to the
 * mode or the port sends both (the port only in proxy mode, where it means something).
 */
export function patchFromForm(original: ProfileForm, form: ProfileForm): SettingsPolicyPatch {
  const patch: Record<string, unknown> = {};
  for (const key of changedFields(original, form)) {
    if (key === 'service_mode' || key === 'proxy_port') {
      const mode: ServiceModeV2 = { mode: form.service_mode as string | undefined };
      if (form.service_mode === 'proxy' && form.proxy_port !== undefined) mode.port = form.proxy_port as number;
      patch.service_mode_v2 = mode;
    } else {
      patch[key] = form[key];
    }
  }
  return patch as SettingsPolicyPatch;
}

/** Why a value is refused; the view turns it into words. */
export type Problem =
  | { kind: 'required' }
  | { kind: 'notInteger' }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'nameTaken'; name: string }
  | { kind: 'precedenceTaken'; precedence: number; by: string }
  | { kind: 'url' }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'portRequired' }
  | { kind: 'customOnly'; field: FieldKey }
  | { kind: 'match'; detail: 'quote' | 'brackets' };

export type Parsed<T> = { value: T; problem?: undefined } | { value?: undefined; problem: Problem };

/** A typed integer within the field's bounds ("180", " 30 "), or why not. */
export function parseInteger(key: NumberField, text: string): Parsed<number> {
  const t = text.trim();
  if (t === '') return { problem: { kind: 'required' } };
  if (!/^-?\d+$/.test(t)) return { problem: { kind: 'notInteger' } };
  const n = Number(t);
  const { min, max } = NUMBER_BOUNDS[key];
  if (n < min || n > max) return { problem: { kind: 'range', min, max } };
  return { value: n };
}

/** A support URL: empty (none), an http(s) URL, or a mailto: address. */
export function checkSupportUrl(text: string): Problem | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (/^mailto:[^\s@]+@[^\s@]+\.[^\s@]+$/i.test(t)) return undefined;
  try {
    const url = new URL(t);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? undefined : { kind: 'url' };
  } catch {
    return { kind: 'url' };
  }
}

/** Other custom profiles: the ones a name or precedence must not clash with. */
function others(profiles: readonly SettingsPolicy[], self?: SettingsPolicy): SettingsPolicy[] {
  return profiles.filter(p => !p.default && (self === undefined || p.policy_id !== self.policy_id));
}

export function checkName(name: string, profiles: readonly SettingsPolicy[], self?: SettingsPolicy): Problem | undefined {
  const t = name.trim();
  if (t === '') return { kind: 'required' };
  const clash = others(profiles, self).find(p => (p.name ?? '').trim().toLowerCase() === t.toLowerCase());
  return clash ? { kind: 'nameTaken', name: clash.name ?? t } : undefined;
}

export function parsePrecedence(text: string, profiles: readonly SettingsPolicy[], self?: SettingsPolicy): Parsed<number> {
  const parsed = parseInteger('precedence', text);
  if (parsed.problem) return parsed;
  const clash = others(profiles, self).find(p => p.precedence === parsed.value);
  return clash ? { problem: { kind: 'precedenceTaken', precedence: parsed.value, by: clash.name ?? clash.policy_id ?? '?' } } : parsed;
}

/** The suggested precedence for a new profile: after every existing one, on a multiple of ten. */
export function nextFreePrecedence(profiles: readonly SettingsPolicy[]): number {
  const max = Math.max(0, ...others(profiles).map(p => p.precedence ?? 0));
  return (Math.floor(max / 10) + 1) * 10;
}

/** Checks a typed text value for a text field. */
export function checkText(key: TextField, text: string, profiles: readonly SettingsPolicy[], self?: SettingsPolicy): Problem | undefined {
  switch (key) {
    case 'name':
      return checkName(text, profiles, self);
    case 'match':
      return text.trim() === '' ? { kind: 'required' } : undefined;
    case 'support_url':
      return checkSupportUrl(text);
    case 'description':
      return undefined;
  }
}

/**
 * Checks the form before it is sent: the given fields (by default every one; the editor passes the
 * changed ones, so an odd value already on Cloudflare does not block an unrelated change), plus what
 * depends on more than one field.
 */
export function checkForm(
  form: ProfileForm,
  isDefault: boolean,
  profiles: readonly SettingsPolicy[],
  self?: SettingsPolicy,
  keys: readonly FieldKey[] = FORM_FIELDS,
): { field?: FieldKey; problem: Problem } | undefined {
  for (const key of keys) {
    const value = form[key];
    if (value === undefined) continue;
    if (isDefault && CUSTOM_ONLY_FIELDS.includes(key)) return { field: key, problem: { kind: 'customOnly', field: key } };
    const problem = checkValue(key, value, profiles, self);
    if (problem) return { field: key, problem };
  }
  if (form.service_mode === 'proxy' && form.proxy_port === undefined) return { field: 'proxy_port', problem: { kind: 'portRequired' } };
  return undefined;
}

function checkValue(key: FieldKey, value: FieldValue, profiles: readonly SettingsPolicy[], self?: SettingsPolicy): Problem | undefined {
  switch (fieldKind(key)) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { kind: 'required' };
    case 'number':
      return key === 'precedence' ? parsePrecedence(String(value), profiles, self).problem : parseInteger(key as NumberField, String(value)).problem;
    case 'choice': {
      const choices = CHOICES[key as ChoiceField];
      return choices.includes(String(value)) ? undefined : { kind: 'choice', choices };
    }
    case 'text':
      return checkText(key as TextField, String(value), profiles, self);
  }
}
