import { useId } from 'react';

/** The backend's rule (shared/api/auth.ts `password`), shown before the user hits it. */
export const passwordMinLength = 12;

export interface NewPassword {
  password: string;
  repeated: string;
}

/** A new password typed twice, with the rule and a mismatch alert: used wherever a password is chosen. */
export function NewPasswordFields({
  label,
  value,
  onChange,
  mismatch,
}: {
  label: string;
  value: NewPassword;
  onChange: (next: NewPassword) => void;
  mismatch: boolean;
}) {
  const ids = useId();
  return (
    <>
      <label htmlFor={`${ids}-password`}>{label}</label>
      <input
        id={`${ids}-password`}
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        aria-describedby={`${ids}-rule`}
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
      />
      <p id={`${ids}-rule`} className="muted small">
        At least {passwordMinLength} characters.
      </p>
      <label htmlFor={`${ids}-repeat`}>Repeat {label.toLowerCase()}</label>
      <input
        id={`${ids}-repeat`}
        type="password"
        autoComplete="new-password"
        required
        value={value.repeated}
        onChange={(e) => onChange({ ...value, repeated: e.target.value })}
      />
      {mismatch && (
        <p role="alert" className="error">
          The {label.toLowerCase()}s differ.
        </p>
      )}
    </>
  );
}
