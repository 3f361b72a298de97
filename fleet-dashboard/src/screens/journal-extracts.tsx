import { useEffect, useState } from 'react';
import type { JournalExtractView, KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import { useConnection } from '../connection/connection-context';
import { useLabels } from '../i18n/labels';
import { formatTime } from './format-time';

/** Hands a text to the browser as a file to save. */
function saveAs(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The journal extracts a kiosk uploaded (operator role), asked again whenever the kiosk's detail
 * changes (an upload arrives as a change of the kiosk); each can be saved as a JSON Lines file.
 */
export function JournalExtracts({ detail }: { detail: KioskDetailView }) {
  const connection = useConnection();
  const { t, language } = useLabels();
  const kioskId = detail.kiosk.kioskId;
  const [extracts, setExtracts] = useState<readonly JournalExtractView[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void connection
      .send<'kiosk.extracts', JournalExtractView[]>('kiosk.extracts', { kioskId })
      .then((ack) => current && ack.ok && ack.data && setExtracts(ack.data));
    return () => {
      current = false;
    };
  }, [connection, kioskId, detail]);

  const download = async (extract: JournalExtractView): Promise<void> => {
    const ack = await connection.send<'kiosk.extract', string>('kiosk.extract', {
      kioskId,
      commandId: extract.commandId,
    });
    if (!ack.ok || ack.data === undefined) return setRefusal(`${t.refused}: ${ack.ok ? '' : ack.error.code}`);
    setRefusal(null);
    saveAs(`${kioskId}-${extract.from.slice(0, 10)}-${extract.to.slice(0, 10)}.jsonl`, ack.data);
  };

  if (extracts.length === 0) return <p>{t.noExtracts}</p>;
  return (
    <>
      <table data-testid="journal-extracts">
        <thead>
          <tr>
            <th scope="col">{t.from}</th>
            <th scope="col">{t.to}</th>
            <th scope="col">{t.transactions}</th>
            <th scope="col">{t.size}</th>
            <th scope="col">{t.received}</th>
            <th scope="col">{t.download}</th>
          </tr>
        </thead>
        <tbody>
          {extracts.map((extract) => {
            const span = `${formatTime(extract.from, language)} – ${formatTime(extract.to, language)}`;
            return (
              <tr key={extract.commandId}>
                <td>{formatTime(extract.from, language)}</td>
                <td>{formatTime(extract.to, language)}</td>
                <td>{extract.transactions}</td>
                <td>{extract.bytes} B</td>
                <td>{formatTime(extract.receivedAt, language)}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`${t.download} ${span}`}
                    onClick={() => void download(extract)}
                  >
                    {t.download}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {refusal && (
        <p role="alert" className="error">
          {refusal}
        </p>
      )}
    </>
  );
}
