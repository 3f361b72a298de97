import { eventually } from './eventually.js';

describe('eventually', () => {
  it('returns the first answer that passes, once it comes', async () => {
    let asked = 0;
    const answer = await eventually(() => ++asked, 'the third asking', {
      withinMs: 2_000,
      everyMs: 1,
      until: (n) => n >= 3,
    });
    expect(answer).toBe(3);
  });

  it('asks again after the probe threw', async () => {
    let asked = 0;
    const answer = await eventually(
      () => {
        asked += 1;
        if (asked < 2) throw new Error('not yet');
        return 'there';
      },
      'a probe that throws once',
      { withinMs: 2_000, everyMs: 1 },
    );
    expect(answer).toBe('there');
  });

  it('times out with its label and the last answer seen', async () => {
    await expect(
      eventually(async () => ({ state: 'waiting' }), 'the kiosk in service', {
        withinMs: 30,
        everyMs: 5,
        until: (view) => view.state === 'in service',
      }),
    ).rejects.toThrow('the kiosk in service: not within 30 ms; last seen: {"state":"waiting"}');
  });

  it('times out with its label and the last error the probe threw', async () => {
    await expect(
      eventually(
        () => {
          throw new Error('connection refused');
        },
        'the fleet reachable',
        { withinMs: 30, everyMs: 5 },
      ),
    ).rejects.toThrow('the fleet reachable: not within 30 ms; last thrown: Error: connection refused');
  });
});
