/**
 * One run at a time per key: in the order handed in, never two of a key at once, a failure kept
 * to its own caller, and a key forgotten once idle (a queue keyed by serial never grows).
 */
import { describe, expect, it } from '@jest/globals';
import { OneAtATime, OneLine } from './one-at-a-time.js';

/** A run the spec ends by hand. */
function gate() {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const shut = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { shut, open, fail };
}

/** Lets every run that can go on go on. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('one at a time per key', () => {
  it('runs the runs of a key one after the other, in the order handed in', async () => {
    const queue = new OneAtATime<string>();
    const seen: string[] = [];
    let running = 0;
    let most = 0;
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      queue.run('tx-1', async () => {
        running += 1;
        most = Math.max(most, running);
        seen.push(`start ${i}`);
        await g.shut;
        seen.push(`end ${i}`);
        running -= 1;
        return i;
      }),
    );
    await tick();
    expect(seen).toEqual(['start 0']);
    gates[2]!.open();
    gates[1]!.open();
    await tick();
    expect(seen).toEqual(['start 0']);
    gates[0]!.open();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
    expect(seen).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(most).toBe(1);
  });

  it('runs the runs of other keys side by side', async () => {
    const queue = new OneAtATime<string>();
    const first = gate();
    const started: string[] = [];
    const a = queue.run('tx-1', async () => {
      started.push('tx-1');
      await first.shut;
    });
    const b = queue.run('tx-2', () => {
      started.push('tx-2');
    });
    await b;
    expect(started).toEqual(['tx-1', 'tx-2']);
    first.open();
    await a;
  });

  it('never starts a run inside run itself, even on an idle key', async () => {
    const queue = new OneAtATime<string>();
    let started = false;
    const run = queue.run('tx-1', () => {
      started = true;
    });
    expect(started).toBe(false);
    await run;
    expect(started).toBe(true);
  });

  it('a run that fails fails its own caller only: the next run of the key runs', async () => {
    const queue = new OneAtATime<string>();
    const failing = gate();
    const first = queue.run('tx-1', () => failing.shut);
    const thrown = queue.run('tx-1', () => {
      throw new Error('thrown at once');
    });
    const next = queue.run('tx-1', () => 'ran');
    failing.fail(new Error('host refused'));
    await expect(first).rejects.toThrow('host refused');
    await expect(thrown).rejects.toThrow('thrown at once');
    await expect(next).resolves.toBe('ran');
  });

  it('forgets a key once its last run has ended, whether it ended well or not', async () => {
    const queue = new OneAtATime<string>();
    const held = gate();
    const runs: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i += 1) {
      runs.push(queue.run(`tx-${i}`, () => (i % 2 ? Promise.reject(new Error('no')) : i)));
    }
    runs.push(queue.run('tx-held', () => held.shut));
    expect(queue.size).toBe(1001);
    await Promise.allSettled(runs.slice(0, 1000));
    await tick();
    expect(queue.size).toBe(1);
    expect(queue.busy('tx-0')).toBe(false);
    expect(queue.busy('tx-held')).toBe(true);
    held.open();
    await queue.settled();
    await tick();
    expect(queue.size).toBe(0);
    expect(queue.busy('tx-held')).toBe(false);
  });

  it('keeps a key while a run waits behind one that ended', async () => {
    const queue = new OneAtATime<string>();
    const second = gate();
    const first = queue.run('tx-1', () => undefined);
    const waiting = queue.run('tx-1', () => second.shut);
    await first;
    await tick();
    expect(queue.busy('tx-1')).toBe(true);
    second.open();
    await waiting;
    await tick();
    expect(queue.busy('tx-1')).toBe(false);
  });

  it('settled waits for the runs handed in so far, of one key or of all, and never rejects', async () => {
    const queue = new OneAtATime<string>();
    const a = gate();
    const b = gate();
    const ended: string[] = [];
    void queue.run('tx-1', async () => {
      await a.shut;
      ended.push('tx-1');
    });
    void queue
      .run('tx-2', async () => {
        await b.shut;
        ended.push('tx-2');
        throw new Error('refused');
      })
      .catch(() => undefined);
    const one = queue.settled('tx-1').then(() => [...ended]);
    const all = queue.settled().then(() => [...ended]);
    // a run handed in after settled was asked is not waited for
    const later = gate();
    void queue.run('tx-1', () => later.shut);
    a.open();
    await expect(one).resolves.toEqual(['tx-1']);
    b.open();
    await expect(all).resolves.toEqual(['tx-1', 'tx-2']);
    await expect(queue.settled('tx-idle')).resolves.toBeUndefined();
    later.open();
    await queue.settled();
  });
});

describe('one line', () => {
  it('runs one at a time in the order handed in, a failure kept to its own caller', async () => {
    const line = new OneLine();
    const seen: string[] = [];
    const first = gate();
    const a = line.run(async () => {
      seen.push('a');
      await first.shut;
      throw new Error('port closed');
    });
    const b = line.run(() => {
      seen.push('b');
      return 'b';
    });
    await tick();
    expect(seen).toEqual(['a']);
    expect(line.busy).toBe(true);
    const settled = line.settled().then(() => [...seen]);
    first.open();
    await expect(a).rejects.toThrow('port closed');
    await expect(b).resolves.toBe('b');
    await expect(settled).resolves.toEqual(['a', 'b']);
    await tick();
    expect(line.busy).toBe(false);
  });
});
