import * as vscode from 'vscode';
import type { CloudflareClient } from '../../api/client';
import { getDefaultProfile, getFallbackDomains, getProfile, getSplitTunnel } from '../../api/profiles';
import type { SettingsPolicy } from '../../api/types';
import { CommandIds } from '../../constants';
import { profileAsJson, profileAsTerraform, terraformLabel, type CodeFormat, type ProfileSnapshot } from '../../model/profileAsCode';
import { splitTunnelMode } from '../../model/profileOrder';
import { pickSaveFile, writeText } from '../../webviews/listEditor/listFiles';
import { UserCancelled, type Command } from '../registry';
import { profileLabel, requireAccount, resolveProfile, type ProfilesDeps } from './common';

/** Reads the profile and its lists from Cloudflare now, so the export is what Cloudflare holds, not the view's cache. */
async function readSnapshot(client: CloudflareClient, accountId: string, shown: SettingsPolicy): Promise<ProfileSnapshot> {
  const policyId = shown.default ? undefined : shown.policy_id;
  if (!shown.default && !policyId) throw new Error(vscode.l10n.t('This profile has no id to read it by.'));
  const profile = policyId === undefined ? await getDefaultProfile(client, accountId) : await getProfile(client, accountId, policyId);
  // The mode comes from the lists the profile carries; an answer without either keeps the view's.
  const mode = splitTunnelMode(profile.include != null || profile.exclude != null ? profile : shown);
  const [routes, fallbackDomains] = await Promise.all([
    getSplitTunnel(client, accountId, policyId, mode),
    getFallbackDomains(client, accountId, policyId),
  ]);
  return { profile: { ...profile, default: shown.default === true ? true : profile.default }, mode, routes, fallbackDomains };
}

async function askFormat(): Promise<CodeFormat> {
  const items: (vscode.QuickPickItem & { format: CodeFormat })[] = [
    { label: vscode.l10n.t('Terraform'), description: vscode.l10n.t('Cloudflare provider v5'), format: 'terraform' },
    { label: vscode.l10n.t('JSON'), description: vscode.l10n.t("the API's shape"), format: 'json' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Profile as Code: Format') });
  if (!picked) throw new UserCancelled();
  return picked.format;
}

async function askTarget(): Promise<'untitled' | 'file'> {
  const items: (vscode.QuickPickItem & { target: 'untitled' | 'file' })[] = [
    { label: vscode.l10n.t('Open in an Untitled Editor'), target: 'untitled' },
    { label: vscode.l10n.t('Save to a File…'), target: 'file' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Profile as Code: Destination') });
  if (!picked) throw new UserCancelled();
  return picked.target;
}

async function languageFor(format: CodeFormat): Promise<string> {
  if (format === 'json') return 'json';
  // Terraform highlighting needs an extension that registers the language; without one, plain text.
  return (await vscode.languages.getLanguages()).includes('terraform') ? 'terraform' : 'plaintext';
}

/**
 * A profile (default or custom) with its Split Tunnel and Local Domain Fallback lists as JSON in the
 * API's shape or as Terraform, in an untitled editor or a file. Never holds credentials.
 */
export function exportProfileAsCodeCommand(deps: ProfilesDeps): Command {
  return {
    id: CommandIds.exportProfileAsCode,
    run: async (ctx, node) => {
      const { client, accountId } = await requireAccount(ctx);
      const shown = await resolveProfile(node, deps, { title: vscode.l10n.t('Export Which Profile?') });
      const format = await askFormat();
      const target = await askTarget();
      const snapshot = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0} from Cloudflare…', profileLabel(shown)) },
        () => readSnapshot(client, accountId, shown),
      );
      const content = format === 'json' ? profileAsJson(snapshot) : profileAsTerraform(snapshot, accountId);
      if (target === 'untitled') {
        const doc = await vscode.workspace.openTextDocument({ language: await languageFor(format), content });
        await vscode.window.showTextDocument(doc, { preview: false });
        return { format, content, uri: doc.uri };
      }
      const name = `${shown.default ? 'default' : terraformLabel(shown.name ?? '')}-profile.${format === 'json' ? 'json' : 'tf'}`;
      const uri = await pickSaveFile(name, vscode.l10n.t('Export Profile as Code'), format === 'json' ? { JSON: ['json'] } : { Terraform: ['tf'] });
      await writeText(uri, content);
      await vscode.window.showTextDocument(uri, { preview: false });
      return { format, content, uri };
    },
  };
}
