// Commands registered at activation whose code loads on first run (#17 item 5).
import { strict as assert } from 'assert';
import type { Command, CommandContext } from '../../src/commands/registry';
import { deferredCommands } from '../../src/lazy/features';

describe('deferred commands', () => {
  it('loads the implementation once, on the first run, and passes the arguments through', async () => {
    let loads = 0;
    const calls: unknown[][] = [];
    const impl: Command[] = [
      { id: 'a', run: (_c, ...args) => (calls.push(['a', ...args]), 'A') },
      { id: 'b', run: (_c, ...args) => (calls.push(['b', ...args]), 'B') },
    ];
    const cmds = deferredCommands(['a', 'b'], () => (loads++, impl));
    assert.deepEqual(cmds.map(c => c.id), ['a', 'b']);
    assert.equal(loads, 0, 'nothing is loaded at registration');
    const ctx = {} as CommandContext;
    assert.equal(await cmds[1].run(ctx, 1, 'x'), 'B');
    assert.equal(await cmds[0].run(ctx), 'A');
    assert.equal(loads, 1);
    assert.deepEqual(calls, [['b', 1, 'x'], ['a']]);
  });

  it('says which id is missing when the list and the loaded commands disagree', () => {
    const [cmd] = deferredCommands(['warpFleet.gone'], () => []);
    assert.throws(() => cmd.run({} as CommandContext), /warpFleet\.gone/);
  });
});
