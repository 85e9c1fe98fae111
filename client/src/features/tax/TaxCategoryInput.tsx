import { useId } from 'react';
import { useTaxCategories } from './useTax';

/** A tax category: one of the standard ones or the user's own, typed freely. */
export function TaxCategoryInput({
  label,
  value,
  onChange,
  name,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  name: string;
}) {
  const id = useId();
  const options = useTaxCategories().data?.taxCategories ?? [];
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        name={name}
        list={`${id}-list`}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-list`}>
        {options.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
    </div>
  );
}
