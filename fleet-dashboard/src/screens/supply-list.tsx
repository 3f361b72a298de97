import type { SupplyView } from '@kiosk/fleet-monitor/dashboard';
import { labelOf, supplyName, useLabels } from '../i18n/labels';

/** Supplies as words and a count, coloured by level (the word says it too, not the colour alone). */
export function SupplyList({ supplies }: { supplies: readonly SupplyView[] }) {
  const { t } = useLabels();
  if (supplies.length === 0) return <span>{t.none}</span>;
  return (
    <ul className="supplies">
      {supplies.map((supply) => (
        <li
          key={`${supply.device}/${supply.name}`}
          className={`level level--${supply.level}`}
          data-supply={supply.name}
          data-level={supply.level}
        >
          {supplyName(t, supply.name)}: {labelOf(t, `level_${supply.level}`)}
          {supply.count !== undefined && ` (${supply.count})`}
        </li>
      ))}
    </ul>
  );
}
