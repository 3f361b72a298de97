/** Choosing the card reader at start ('auto', 'emulator'), against a fake pcsclite. */
import { AutoCardReader } from './auto-card-reader.js';
import { createCardReader } from './create-card-reader.js';
import { EmulatedCardReader } from './emulated-card-reader.js';
import { fakePcsc } from './fake-pcsclite.js';

describe('createCardReader', () => {
  it("'auto' without pcscd attaches the virtual cards in-process and says so once", async () => {
    const { state, factory } = fakePcsc();
    state.up = false;
    const notices: string[] = [];
    const reader = await createCardReader(
      { driver: 'auto', probeMs: 20 },
      { pcsclite: factory, log: (m) => notices.push(m) },
    );
    expect(reader).toBeInstanceOf(EmulatedCardReader);
    expect(notices).toEqual([
      'Card reader: no PC/SC reader (pcscd is not running); the virtual cards are attached in-process.',
    ]);
    await reader.open();
    await reader.insertCard('zhang');
    expect((await reader.readCard()).cardNumber).toBe('H41080000101');
    await reader.close();
  });

  it("fault: 'auto' whose PC/SC set-up failed partway says so with its code, not that pcscd is not running", async () => {
    const { factory } = fakePcsc();
    const partway = () => {
      const context = factory();
      context.on = () => {
        throw new Error('SCardListReaders error: Internal error.(0x80100001)');
      };
      return context;
    };
    const notices: string[] = [];
    const reader = await createCardReader(
      { driver: 'auto', probeMs: 20 },
      { pcsclite: partway, log: (m) => notices.push(m) },
    );
    expect(reader).toBeInstanceOf(EmulatedCardReader);
    expect(notices).toEqual([
      'Card reader: no PC/SC reader (its PC/SC set-up failed partway (DEVICE_HARDWARE_ERROR, PC/SC 0x80100001)); the virtual cards are attached in-process.',
    ]);
  });

  it("'auto' with a reader on pcscd picks the PC/SC driver", async () => {
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'auto', probeMs: 500 }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('Virtual PCD 00 00');
    const reader = await making;
    expect(reader.status().driver).toBe('pcsc');
    // vpcd's reader is the emulated motorised one: it captures, as the kiosk's real reader does
    expect(reader.canCapture()).toBe(true);
    await reader.close();
  });

  it("'auto' serves a real reader (not vpcd) with the presence mechanism", async () => {
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'auto', probeMs: 500 }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    const reader = await making;
    expect(reader.status()).toMatchObject({ driver: 'pcsc', supplies: [] });
    // no motor, no capture bin: a card not taken is never asked to be retracted
    expect(reader.canCapture()).toBe(false);
    await expect(reader.insertCard('zhang')).rejects.toMatchObject({ code: 'DEVICE_HARDWARE_ERROR' });
    await reader.close();
  });

  it("'emulator' never touches PC/SC", async () => {
    const reader = await createCardReader(
      { driver: 'emulator' },
      {
        pcsclite: () => {
          throw new Error('must not be called');
        },
      },
    );
    expect(reader.status().driver).toBe('emulator');
  });
});

describe('AutoCardReader', () => {
  it('chooses at open, carries listeners over, and refuses commands before', async () => {
    const { state, factory } = fakePcsc();
    state.up = false;
    const notices: string[] = [];
    const reader = new AutoCardReader({ driver: 'auto' }, { pcsclite: factory, log: (m) => notices.push(m) });
    expect(reader.status()).toMatchObject({ device: 'noDevice', driver: 'auto' });
    expect(reader.canCapture()).toBe(false);
    await expect(reader.readCard()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    const statuses: string[] = [];
    const events: string[] = [];
    reader.onStatus((s) => statuses.push(`${s.driver}:${s.device}`));
    reader.onCardEvent((e) => events.push(e.type));
    await reader.open();
    expect(statuses.at(-1)).toBe('emulator:online');
    expect(reader.canCapture()).toBe(true);
    await reader.insertCard('li');
    expect((await reader.readCard()).cardNumber).toBe('H41080000102');
    expect(events).toEqual(['inserted']);
    expect(reader.listCards().find((c) => c.cardId === 'li')?.location).toBe('inReader');
    expect(notices).toHaveLength(1);
    await reader.close();
  });
});
