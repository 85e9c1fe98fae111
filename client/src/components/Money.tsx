import { formatMoney } from '../lib/money';
import { useCurrency } from '../app/session';

/** An amount in the signed-in user's currency; negative amounts are marked for styling. */
export function Money({ amount, className }: { amount: string; className?: string }) {
  const currency = useCurrency();
  const negative = amount.startsWith('-');
  return (
    <span
      className={`money${negative ? ' money-negative' : ''}${className ? ` ${className}` : ''}`}
    >
      {formatMoney(amount, currency)}
    </span>
  );
}
