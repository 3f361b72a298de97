import type { StepLayout } from './step-presentations';

function Card({ motion }: { motion: 'in' | 'out' }) {
  return (
    <>
      <span className="slot" />
      <span className={`card card--moving-${motion}`}>
        <span className="chip" />
      </span>
    </>
  );
}

function IdCard({ motion }: { motion: 'down' | 'up' }) {
  return (
    <>
      <span className="reader-pad" />
      <span className={`id-card id-card--moving-${motion}`}>
        <span className="id-card__photo" />
      </span>
    </>
  );
}

/** Pictures that say the same as the text (decorative: hidden from screen readers). */
export function StepIllustration({ layout, notDone = false }: { layout: StepLayout; notDone?: boolean }) {
  switch (layout) {
    case 'waitForCard':
      return (
        <div className="illustration" aria-hidden="true">
          <Card motion="in" />
        </div>
      );
    case 'takeCard':
      return (
        <div className="illustration" aria-hidden="true">
          <Card motion="out" />
        </div>
      );
    case 'waitForIdCard':
      return (
        <div className="illustration" aria-hidden="true">
          <IdCard motion="down" />
        </div>
      );
    case 'takeIdCard':
      return (
        <div className="illustration" aria-hidden="true">
          <IdCard motion="up" />
        </div>
      );
    case 'face':
    case 'retry':
      return (
        <div className="illustration" aria-hidden="true">
          <span className="face-frame">
            <span className="face-frame__head" />
            <span className="face-frame__body" />
          </span>
        </div>
      );
    case 'takeCash':
      return (
        <div className="illustration" aria-hidden="true">
          <span className="slot" />
          <span className="notes card--moving-out">¥</span>
        </div>
      );
    case 'done':
      // a done screen that says the service was not completed (a withdrawal that paid nothing): no tick
      return (
        <div className="illustration illustration--mark" aria-hidden="true">
          {notDone ? <span className="mark">!</span> : <span className="mark mark--ok">✓</span>}
        </div>
      );
    case 'confirm':
      return (
        <div className="illustration illustration--mark" aria-hidden="true">
          <span className="mark">?</span>
        </div>
      );
    case 'progress':
      return (
        <div className="illustration" aria-hidden="true">
          <span className="spinner" />
        </div>
      );
    default:
      return null;
  }
}
