/**
 * "Compare Lists With…": a list and another profile's list (or, for Split Tunnel, the same profile's
 * other list) in VS Code's diff editor, both in the stable sorted text form of listHistory.ts, so the
 * diff shows what one has that the other has not rather than differences of order. Reads only.
 */
import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { listText } from '../../webviews/listEditor/listHistory';
import type { ListEditorRegistry } from '../../webviews/listEditor/listEditorRegistry';
import { fetchList } from '../../webviews/listEditor/listRemote';
import { listTitle } from '../../webviews/listEditor/strings';
import { UserCancelled, type Command } from '../registry';
import { listTargetOf, pickOtherList } from './listTargetArg';

export function compareListsCommand(editors: ListEditorRegistry): Command {
  return {
    id: CommandIds.compareLists,
    run: async (ctx, arg) => {
      const title = vscode.l10n.t('Compare Lists With…');
      const left = await listTargetOf(ctx, editors, arg, title);
      const right = await pickOtherList(ctx, left, vscode.l10n.t('Compare {0} with…', listTitle(left.profileName, left.list)));
      const state = await ctx.session.current();
      if (!state) throw new UserCancelled();
      const [a, b] = await Promise.all([fetchList(state.client, left), fetchList(state.client, right)]);
      await editors.diffs.showTexts(
        vscode.l10n.t('{0} ↔ {1}', listTitle(left.profileName, left.list), listTitle(right.profileName, right.list)),
        listText(a),
        listText(b),
      );
    },
  };
}
