import { useId, useState } from 'react';

type Copying = 'not yet' | 'copied' | 'failed';

/**
 * A token or link the backend returns once: shown with Copy and Done. Once copied it is no longer on
 * screen (nor when Done is pressed, or the section left: the parent's mutation state goes with it).
 */
export function OneTimeSecret({
  label,
  value,
  note,
  onDone,
}: {
  label: string;
  value: string;
  note: string;
  onDone: () => void;
}) {
  const id = useId();
  const [copying, setCopying] = useState<Copying>('not yet');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopying('copied');
    } catch {
      setCopying('failed');
    }
  };
  return (
    <div className="secret" role="status">
      {copying === 'copied' ? (
        <p>{label}: copied. It is not shown again.</p>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} />
          <p className="small">{note}</p>
          {copying === 'failed' && (
            <p className="small error">Could not copy: select the text and copy it yourself.</p>
          )}
        </>
      )}
      <span className="row-actions">
        {copying !== 'copied' && (
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
        )}
        <button type="button" onClick={onDone}>
          Done
        </button>
      </span>
    </div>
  );
}
