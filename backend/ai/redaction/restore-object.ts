import type { Redactor } from './redactor.ts';

/** Restores every string inside a JSON-like value (a structured output), keys untouched. */
export function restoreObject<T>(value: T, redactor: Pick<Redactor, 'restore'>): T {
  return restoreValue(value, redactor) as T;
}

function restoreValue(value: unknown, redactor: Pick<Redactor, 'restore'>): unknown {
  if (typeof value === 'string') return redactor.restore(value);
  if (Array.isArray(value)) return value.map((item) => restoreValue(item, redactor));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, restoreValue(item, redactor)]),
    );
  }
  return value;
}
