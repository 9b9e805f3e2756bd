/**
 * Sharing of repeated values while devices are mapped into the model (pure: no `vscode` import).
 *
 * Each parsed API answer holds its own copy of every string and object: the same OS version, client
 * version, model name, profile or user repeats across thousands of devices. An Interner lives for one
 * listing (all of its pages) and hands back one instance per distinct value, so the model holds each
 * once; nothing is lost, since an equal value replaces an equal value. It is dropped with the listing,
 * so a value of a device that is gone is not kept.
 *
 * The shared objects (users, profiles) are frozen: they are read by many devices, and the model's
 * changes make new objects (withRegistrationChange), never edit one in place.
 */
import type { DeviceUser } from '../api/types';

export interface SharedPolicy {
  id: string;
  name: string;
  default: boolean;
  deleted: boolean;
}

export class Interner {
  private readonly strings = new Map<string, string>();
  private readonly users = new Map<string, DeviceUser>();
  private readonly policies = new Map<string, SharedPolicy>();

  /** One instance per distinct string; undefined and null stay undefined. */
  str(s: string | null | undefined): string | undefined {
    if (s === undefined || s === null) return undefined;
    const held = this.strings.get(s);
    if (held !== undefined) return held;
    this.strings.set(s, s);
    return s;
  }

  /**
   * One object per distinct user. Keyed by id, and shared only when email and name are the same too
   * (the API could in principle send one id with two spellings: both are kept as sent).
   */
  user(u: { id?: string | null; email?: string | null; name?: string | null } | null | undefined): DeviceUser | undefined {
    if (!u) return undefined;
    const made = (): DeviceUser => {
      const out: DeviceUser = {};
      // Only the fields the API gave: a missing one stays missing (details and exports show what was sent).
      if (u.id !== undefined && u.id !== null) out.id = this.str(u.id);
      if (u.email !== undefined && u.email !== null) out.email = this.str(u.email);
      if (u.name !== undefined && u.name !== null) out.name = this.str(u.name);
      return Object.freeze(out) as DeviceUser;
    };
    const key = u.id ?? undefined;
    if (!key) return made();
    const held = this.users.get(key);
    if (held && held.email === (u.email ?? undefined) && held.name === (u.name ?? undefined) && 'email' in held === (u.email != null) && 'name' in held === (u.name != null)) return held;
    const fresh = made();
    this.users.set(key, fresh);
    return fresh;
  }

  /** One object per distinct profile (a few profiles apply to thousands of registrations). */
  policy(p: SharedPolicy): SharedPolicy {
    const held = this.policies.get(p.id);
    if (held && held.name === p.name && held.default === p.default && held.deleted === p.deleted) return held;
    const fresh = Object.freeze({ id: this.str(p.id)!, name: this.str(p.name)!, default: p.default, deleted: p.deleted });
    this.policies.set(p.id, fresh);
    return fresh;
  }
}
