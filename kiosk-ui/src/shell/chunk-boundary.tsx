/**
 * Around a lazily loaded part of the UI (`lazy-with-retry.ts`): a part that could not be fetched
 * within its tries, or failed to render, is replaced by a coded box (`UI_CHUNK_LOAD_FAILED`) with
 * "Try again" (the page loaded anew: React keeps a failed lazy part failed), never a blank page.
 * The rest of the page keeps working beside it.
 */
import { Component, type ReactNode } from 'react';
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

export class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <ChunkFailedBox /> : this.props.children;
  }
}
