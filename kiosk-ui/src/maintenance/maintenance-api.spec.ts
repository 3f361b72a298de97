import { MaintenanceApi, StaffApiError } from './maintenance-api';

function answering(status: number, body: unknown) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const api = new MaintenanceApi('', (url, init) => {
    calls.push({ url, ...(init ? { init } : {}) });
    return Promise.resolve(new Response(body === undefined ? null : JSON.stringify(body), { status }));
  });
  return { api, calls };
}

describe('the staff screens’ maintenance API client', () => {
  it('sends the bearer token and the body, and answers the daemon’s result', async () => {
    const { api, calls } = answering(200, { quantity: 1, after: null });
    expect(await api.refill('tok', { device: 'receiptPrinter', supply: 'paper', added: 1 })).toEqual({
      quantity: 1,
      after: null,
    });
    expect(calls[0]?.url).toBe('/maintenance/refill');
    expect(calls[0]?.init?.headers).toMatchObject({ authorization: 'Bearer tok' });
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      device: 'receiptPrinter',
      supply: 'paper',
      added: 1,
    });
  });

  it('a refusal carries the daemon’s code for the screens to translate', async () => {
    const { api } = answering(422, { code: 'MAINTENANCE_COUNT_MISMATCH', message: 'count again' });
    await expect(
      api.emptyBin('tok', { device: 'cashDispenser', supply: 'rejectBin', counted: 3 }),
    ).rejects.toEqual(new StaffApiError('MAINTENANCE_COUNT_MISMATCH', 'count again'));
  });

  it('a clear refused as the fault persists carries the daemon’s details (the device, the fault) for the screens to word', async () => {
    const { api } = answering(409, {
      code: 'MAINTENANCE_FAULT_PERSISTS',
      message: 'still there',
      details: { device: 'cardPrinter', fault: 'DEVICE_OFFLINE', state: 'offline' },
    });
    await expect(api.clearFault('tok', 'cardPrinter')).rejects.toMatchObject({
      code: 'MAINTENANCE_FAULT_PERSISTS',
      details: { device: 'cardPrinter', fault: 'DEVICE_OFFLINE' },
    });
    const noDetails = answering(409, { code: 'MAINTENANCE_FAULT_PERSISTS', message: 'x', details: ['no'] });
    await expect(noDetails.api.clearFault('tok', 'cardPrinter')).rejects.toMatchObject({
      details: undefined,
    });
  });

  it('an old card’s verdict goes to the card making settlement as { transactionId, oldCard }; a refusal carries the verdict that stands', async () => {
    const { api, calls } = answering(200, {
      transactionId: 'JZ-9001-000011',
      oldCard: 'givenBack',
      outcome: 'closed',
    });
    expect(await api.settleOldCard('tok', 'JZ-9001-000011', 'givenBack')).toMatchObject({
      outcome: 'closed',
    });
    expect(calls[0]?.url).toBe('/maintenance/settle-card-making');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({
      transactionId: 'JZ-9001-000011',
      oldCard: 'givenBack',
    });
    const settled = answering(409, {
      code: 'MAINTENANCE_ALREADY_SETTLED',
      message: 'This card making was settled already.',
      details: { transactionId: 'JZ-9001-000011', verdict: 'inCaptureBin' },
    });
    await expect(settled.api.settleOldCard('tok', 'JZ-9001-000011', 'givenBack')).rejects.toMatchObject({
      code: 'MAINTENANCE_ALREADY_SETTLED',
      details: { verdict: 'inCaptureBin' },
    });
  });

  it('a daemon that does not answer is DEVICE_OFFLINE, an unreadable answer INTERNAL', async () => {
    const down = new MaintenanceApi('', () => Promise.reject(new Error('refused')));
    await expect(down.view('tok')).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    const { api } = answering(500, undefined);
    await expect(api.view('tok')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
