import { useState } from 'react';
import type { DashboardCommand } from '@kiosk/fleet-monitor/dashboard';
import { useConnection } from '../connection/connection-context';
import { labelOf, useLabels } from '../i18n/labels';
import { formatTime } from './format-time';

const COMMANDS = ['outOfService', 'inService', 'restart', 'runSelfTest', 'uploadJournalExtract'] as const;

function commandOf(type: (typeof COMMANDS)[number]): DashboardCommand {
  if (type !== 'uploadJournalExtract') return { type };
  // the last 24 hours of the kiosk's journal
  const to = new Date();
  return { type, from: new Date(to.getTime() - 86_400_000).toISOString(), to: to.toISOString() };
}

/**
 * The commands to a kiosk: shown to operators only (the monitor refuses them from a viewer too).
 * Sent to a kiosk that is offline, the note says it waits for the kiosk, and until when.
 */
export function CommandButtons({ kioskId, offline }: { kioskId: string; offline: boolean }) {
  const connection = useConnection();
  const { t, language } = useLabels();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const send = async (type: (typeof COMMANDS)[number]): Promise<void> => {
    setBusy(true);
    const ack = await connection.send<'kiosk.command', { expiresAt?: string }>('kiosk.command', {
      kioskId,
      command: commandOf(type),
    });
    setBusy(false);
    if (!ack.ok) return setOutcome({ ok: false, text: `${t.refused}: ${ack.error.code}` });
    const sent = `${t.commandSent}: ${labelOf(t, `cmd_${type}`)}`;
    const expiresAt = ack.data?.expiresAt;
    setOutcome({
      ok: true,
      text: offline && expiresAt ? `${sent} · ${t.waitsForKiosk} ${formatTime(expiresAt, language)}` : sent,
    });
  };

  return (
    <div role="group" aria-label={t.commands} className="commands">
      {COMMANDS.map((type) => (
        <button key={type} type="button" disabled={busy} onClick={() => void send(type)}>
          {labelOf(t, `cmd_${type}`)}
        </button>
      ))}
      <p role="status" className={outcome && !outcome.ok ? 'error' : 'note'}>
        {outcome?.text}
      </p>
    </div>
  );
}
