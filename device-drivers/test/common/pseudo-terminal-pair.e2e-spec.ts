import type { Duplex } from 'node:stream';
import {
  createPtyLine,
  createPtyPair,
  type PtyLine,
  type PtyPair,
} from '../../src/common/pseudo-terminal-pair.js';
import { openLcdmSerialPort } from '../../src/cash-dispenser/lcdm-serial-road.js';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';

function readBytes(stream: Duplex, count: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= count) {
        stream.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    stream.on('data', onData);
  });
}

describe('pseudo-terminal pair without socat', () => {
  let pty: PtyPair;
  let host: Duplex;
  let device: Duplex;
  beforeEach(async () => {
    pty = await createPtyPair();
    host = await openLcdmSerialPort(pty.hostPath);
    device = await openLcdmSerialPort(pty.devicePath);
  });
  afterEach(async () => {
    await closeSerialStream(host);
    await closeSerialStream(device);
    await pty.close();
  });

  it('carries every byte value unchanged both ways, control characters included', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const atDevice = readBytes(device, 256);
    host.write(all);
    expect(await atDevice).toEqual(all);
    const reversed = Buffer.from(all).reverse();
    const atHost = readBytes(host, 256);
    device.write(reversed);
    expect(await atHost).toEqual(reversed);
  });

  it('fails a write once the cable is pulled (the pair closed)', async () => {
    await pty.close();
    const failed = new Promise<string | undefined>((resolve) => {
      host.once('error', (e) => resolve(e.message));
      host.write(Buffer.from([0x04]), (e) => resolve(e?.message));
    });
    expect(await failed).toMatch(/EIO/);
  });
});

describe('pseudo-terminal line, the device on its master side', () => {
  let line: PtyLine;
  beforeEach(async () => {
    line = await createPtyLine();
  });
  afterEach(() => line.close());

  it('carries every byte value unchanged both ways, and again after the host port was closed and reopened', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (let opened = 0; opened < 2; opened++) {
      // a daemon's port, then the next daemon's: the device's end stays the same
      const host = await openLcdmSerialPort(line.hostPath);
      const atDevice = readBytes(line.deviceEnd, 256);
      host.write(all);
      expect(await atDevice).toEqual(all);
      const reversed = Buffer.from(all).reverse();
      const atHost = readBytes(host, 256);
      line.deviceEnd.write(reversed);
      expect(await atHost).toEqual(reversed);
      await closeSerialStream(host);
    }
  });
});
