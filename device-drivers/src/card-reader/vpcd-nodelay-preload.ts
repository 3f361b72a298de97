/**
 * vpcd writes a message's length and payload in two sends; with Nagle on pcscd's side and
 * delayed ACKs on the card's, each APDU waits ~40 ms. A tiny LD_PRELOAD library setting
 * TCP_NODELAY on vpcd's accepted sockets (built here with the C compiler when there is one)
 * brings a round trip under a millisecond.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NODELAY_SOURCE = `#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
static void nodelay(int fd) { int one = 1; if (fd >= 0) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); }
int accept(int fd, struct sockaddr *a, socklen_t *l) {
  static int (*real)(int, struct sockaddr *, socklen_t *);
  if (!real) real = dlsym(RTLD_NEXT, "accept");
  int c = real(fd, a, l); nodelay(c); return c;
}
int accept4(int fd, struct sockaddr *a, socklen_t *l, int flags) {
  static int (*real)(int, struct sockaddr *, socklen_t *, int);
  if (!real) real = dlsym(RTLD_NEXT, "accept4");
  int c = real(fd, a, l, flags); nodelay(c); return c;
}
`;

/** Builds the TCP_NODELAY preload once per machine; undefined when there is no C compiler. */
export function buildNodelayPreload(): string | undefined {
  const hash = createHash('sha256').update(NODELAY_SOURCE).digest('hex').slice(0, 12);
  const target = join(tmpdir(), `kiosk-tcp-nodelay-${hash}.so`);
  if (existsSync(target)) return target;
  const source = join(tmpdir(), `kiosk-tcp-nodelay-${hash}-${process.pid}.c`);
  writeFileSync(source, NODELAY_SOURCE);
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', `${target}.${process.pid}`, source, '-ldl'], {
      stdio: 'ignore',
    });
    execFileSync('mv', [`${target}.${process.pid}`, target]);
    return target;
  } catch {
    return undefined;
  } finally {
    rmSync(source, { force: true });
  }
}
