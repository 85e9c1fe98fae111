import { useState } from 'react';
import { useFlash } from '../../app/flash';
import { errorMessage } from '../../lib/errors';
import { useSetTaxDeductible, useTaxCategories } from './useTax';
import './tax.css';

/**
 * One expense's own tax mark, in the transactions list. "From its category" leaves the
 * category's mark (if any) to decide.
 */
export function TransactionTaxMark({
  transaction,
}: {
  transaction: { id: string; description: string; ownTaxCategory?: string | null };
}) {
  const { show } = useFlash();
  const categories = useTaxCategories().data?.taxCategories ?? [];
  const [setMark, { loading }] = useSetTaxDeductible();
  const [value, setValue] = useState(transaction.ownTaxCategory ?? '');
  const options = value && !categories.includes(value) ? [...categories, value] : categories;
  return (
    <select
      className="tax-mark-select"
      aria-label={`Tax-deductible: ${transaction.description}`}
      value={value}
      disabled={loading}
      onChange={async (event) => {
        const next = event.target.value;
        const previous = value;
        setValue(next);
        try {
          await setMark({
            variables: { transactionId: transaction.id, taxCategory: next === '' ? null : next },
          });
          show({
            kind: 'success',
            message: next
              ? `“${transaction.description}” is deductible as ${next}.`
              : `“${transaction.description}” follows its category again.`,
          });
        } catch (failure) {
          setValue(previous);
          show({ kind: 'error', message: errorMessage(failure) });
        }
      }}
    >
      <option value="">Tax: from category</option>
      {options.map((option) => (
        <option key={option} value={option}>
          Tax: {option}
        </option>
      ))}
    </select>
  );
}
