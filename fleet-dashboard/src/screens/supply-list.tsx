import type { SupplyView } from '@kiosk/fleet-monitor/dashboard';
import { deviceName, openLabelOf, supplyName, useLabels } from '../i18n/labels';

/**
 * Supplies as words and a count, coloured by level (the word says it too, not the colour alone).
 * A supply name two devices share (the reject bin) says whose it is.
 */
export function SupplyList({ supplies }: { supplies: readonly SupplyView[] }) {
  const { t } = useLabels();
  if (supplies.length === 0) return <span>{t.none}</span>;
  const shared = new Set(
    supplies.map((supply) => supply.name).filter((name, index, names) => names.indexOf(name) !== index),
  );
  return (
    <ul className="supplies">
      {supplies.map((supply) => (
        <li
          key={`${supply.device}/${supply.name}`}
          className={`level level--${supply.level}`}
          data-supply={supply.name}
          data-level={supply.level}
        >
          {supplyName(t, supply.name)}
          {shared.has(supply.name) && ` (${deviceName(t, supply.device)})`}:{' '}
          {openLabelOf(t, 'level', supply.level)}
          {supply.count !== undefined && ` (${supply.count})`}
        </li>
      ))}
    </ul>
  );
}
