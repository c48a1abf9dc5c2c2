"use client";

/**
 * A labelled number input that shows the server's message for its field. Bounds go on the
 * input for assistive tech and spinners; the form is noValidate, so the server's sentence,
 * not the browser's bubble, explains a refusal.
 */
export function NumberField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  step = 1,
  unit,
  error,
  hideLabel = false,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  min: number;
  max: number;
  step?: number | "any";
  unit?: string;
  error?: string;
  hideLabel?: boolean;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="wi-field">
      <label htmlFor={id} className={hideLabel ? "sr-only" : undefined}>
        {label}
      </label>
      <span className="wi-input-row">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        {unit ? <span className="muted">{unit}</span> : null}
      </span>
      {error ? (
        <span id={errorId} className="error-text wi-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
