import { codeWords } from '../i18n/code-labels';
import { useLabels } from '../i18n/labels';

/**
 * The code as sent, in small text after the words that say it: for field engineers, who look
 * codes up in the manuals. Nothing for no code.
 */
export function RawCode({ code }: { code: string | null | undefined }) {
  if (!code) return null;
  return (
    <>
      {' '}
      <small className="code">{code}</small>
    </>
  );
}

/**
 * A code in the page's language with the code itself beside it in small text
 * (`CARD_READER_JAM` → "Card jammed in the reader CARD_READER_JAM"); a code the page has no words
 * for (not one of domain's ErrorCode) as sent.
 */
export function CodeWords({ code }: { code: string }) {
  const { t } = useLabels();
  const words = codeWords(t, code);
  if (words === undefined) return <span className="code">{code}</span>;
  return (
    <>
      {words}
      <RawCode code={code} />
    </>
  );
}
