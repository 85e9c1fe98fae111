import { formatMoney } from '../lib/money';
import { useCurrency } from '../app/session';

/**
 * An amount in `currency` (an account's), else the current ledger's reporting currency; negative
 * amounts are marked for styling.
 */
export function Money({
  amount,
  className,
  currency,
}: {
  amount: string;
  className?: string;
  currency?: string;
}) {
  const reporting = useCurrency();
  const negative = amount.startsWith('-');
  return (
    <span
      className={`money${negative ? ' money-negative' : ''}${className ? ` ${className}` : ''}`}
    >
      {formatMoney(amount, currency ?? reporting)}
    </span>
  );
}
