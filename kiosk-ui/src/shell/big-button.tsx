import type { ReactNode } from 'react';

export interface BigButtonProps {
  readonly children: ReactNode;
  readonly onPress: () => void;
  readonly variant?: 'primary' | 'secondary' | 'quiet';
  readonly busy?: boolean;
  readonly disabled?: boolean;
  readonly label?: string;
  readonly hint?: string;
  readonly testId?: string;
}

/** A touch target of at least 96 px high; shows it was pressed at once (CSS :active, aria-busy). */
export function BigButton(props: BigButtonProps) {
  const { children, onPress, variant = 'primary', busy = false, disabled = false } = props;
  return (
    <button
      type="button"
      className={`big-button big-button--${variant}`}
      onClick={onPress}
      disabled={disabled || busy}
      aria-busy={busy}
      aria-label={props.label}
      data-testid={props.testId}
    >
      <span className="big-button__text">{children}</span>
      {props.hint ? <span className="big-button__hint">{props.hint}</span> : null}
    </button>
  );
}
