import { strict as assert } from 'assert';
import { Emitter } from '../../src/util/emitter';
import { Disposable, type IDisposable } from '../../src/util/lifecycle';

class Owner extends Disposable {
  add<T extends IDisposable>(first: T, ...more: IDisposable[]): T {
    return this.register(first, ...more);
  }
  get gone(): boolean {
    return this.isDisposed;
  }
}

describe('Disposable base (util/lifecycle)', () => {
  const recorder = (log: string[], name: string): IDisposable => ({ dispose: () => log.push(name) });

  it('disposes what was registered, last first, and only once', () => {
    const log: string[] = [];
    const owner = new Owner();
    const first = recorder(log, 'emitter');
    assert.equal(owner.add(first, recorder(log, 'sub a')), first, 'register returns its first item');
    owner.add(recorder(log, 'view'));
    owner.dispose();
    assert.deepEqual(log, ['view', 'sub a', 'emitter']);
    assert.equal(owner.gone, true);
    owner.dispose();
    assert.equal(log.length, 3, 'a second dispose disposes nothing again');
  });

  it('disposes at once what is registered after dispose (a late callback would otherwise leak it)', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.add(recorder(log, 'late'));
    assert.deepEqual(log, ['late']);
  });
});

describe('Emitter (util/emitter, the model\'s vscode-free events)', () => {
  it('calls each listener until its subscription is disposed, also when one disposes itself while firing', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const a = emitter.event(n => {
      seen.push(`a${n}`);
      a.dispose();
    });
    const owned: IDisposable[] = [];
    emitter.event(n => seen.push(`b${n}`), undefined, owned);
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(seen, ['a1', 'b1', 'b2']);
    owned.forEach(d => d.dispose());
    emitter.fire(3);
    assert.deepEqual(seen, ['a1', 'b1', 'b2'], 'the subscription pushed into `disposables` ends it');
  });
});
