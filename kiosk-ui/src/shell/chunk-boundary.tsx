/**
 * Around a lazily loaded part of the UI (`lazy-with-retry.ts`): while the part is fetched, a
 * "loading" word in its place at once (its tries may take a while: a stalled fetch is given 10 s a
 * try); a part that could not be fetched within its tries, or failed to render, is replaced by a
 * coded box (`UI_CHUNK_LOAD_FAILED`) with "Try again" (the page loaded anew: React keeps a failed
 * lazy part failed), never a blank page. The rest of the page keeps working beside it.
 */
import { Component, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCode } from '@kiosk/domain';
import { ErrorBox } from './error-box';

function ChunkFailedBox() {
  const { t } = useTranslation();
  return (
    <div className="chunk-failed" data-testid="chunk-failed">
      <ErrorBox code={ErrorCode.UI_CHUNK_LOAD_FAILED} />
      <button type="button" className="tool-button" onClick={() => window.location.reload()}>
        {t('common.tryAgain')}
      </button>
    </div>
  );
}

/** In a lazy part's place while it is fetched: said to screen readers too. */
function PartLoading() {
  const { t } = useTranslation();
  return (
    <p className="part-loading" role="status" data-testid="part-loading">
      {t('common.loading')}
    </p>
  );
}

export class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (this.state.failed) return <ChunkFailedBox />;
    return <Suspense fallback={<PartLoading />}>{this.props.children}</Suspense>;
  }
}
