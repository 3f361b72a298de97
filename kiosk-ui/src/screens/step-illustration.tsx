import type { StepLayout } from './screen-for-view';

/** Pictures that say the same as the text (decorative for screen readers). */
export function StepIllustration({ layout }: { layout: StepLayout }) {
  switch (layout) {
    case 'waitForCard':
      return (
        <div className="illustration illustration--insert" aria-hidden="true">
          <span className="slot" />
          <span className="card card--moving-in">
            <span className="chip" />
          </span>
        </div>
      );
    case 'takeCard':
      return (
        <div className="illustration illustration--take" aria-hidden="true">
          <span className="slot" />
          <span className="card card--moving-out">
            <span className="chip" />
          </span>
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
