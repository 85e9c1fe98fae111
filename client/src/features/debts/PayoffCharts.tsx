import { useCurrency } from '../../app/session';
import { toChartNumber } from '../../lib/money';
import { usePrefersDark } from '../dashboard/chart-kit';
import { PayoffChart, shownMonths } from './PayoffChart';
import type { Plan } from './useDebts';

/** Each strategy's balances over the same months and the same scale, side by side. */
export default function PayoffCharts({ snowball, avalanche }: { snowball: Plan; avalanche: Plan }) {
  const currency = useCurrency();
  const dark = usePrefersDark();
  const count = shownMonths(snowball, avalanche);
  const longer = snowball.schedule.length >= avalanche.schedule.length ? snowball : avalanche;
  const months = longer.schedule.slice(0, count).map((m) => m.month);
  // For the scale only: the highest total owed in the months shown, under either plan.
  const max = Math.max(
    1,
    ...[snowball, avalanche].flatMap((p) =>
      p.schedule.slice(0, count).map((m) => toChartNumber(m.balance)),
    ),
  );
  return (
    <div className="grid-2">
      <PayoffChart
        plan={snowball}
        title="Snowball: owed over time"
        months={months}
        max={max}
        currency={currency}
        dark={dark}
      />
      <PayoffChart
        plan={avalanche}
        title="Avalanche: owed over time"
        months={months}
        max={max}
        currency={currency}
        dark={dark}
      />
    </div>
  );
}
