/** Loopback addresses: the gateway's host and the face-match service's URL must be one. */
import { isIP } from 'node:net';

/** True for 127.0.0.0/8 and ::1 (also written in full or as an IPv4-mapped 127.x address). */
export function isLoopbackAddress(host: string): boolean {
  const version = isIP(host);
  if (version === 4) return host.split('.')[0] === '127';
  if (version !== 6) return false;
  const lower = host.toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1] !== undefined) return isLoopbackAddress(mapped[1]);
  const groups = expandIpv6(lower);
  return groups !== null && groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1;
}

function expandIpv6(address: string): number[] | null {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
}
