/**
 * The whole process blocked for `ms`, as by a long garbage collection or a starved CPU: no timer,
 * no read, no callback of the loop runs meanwhile, while other processes (a device's emulator
 * thread, pcscd) and the thread pool go on. The stall-tolerant deadlines' specs (`line-deadline`).
 */
export function stallTheProcess(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
