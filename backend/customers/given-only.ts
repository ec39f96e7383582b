/**
 * The fields a caller gave: an update must not turn what it left out into a default. `null` is kept
 * (it clears a nullable field); only `undefined` means "not given".
 */
export function givenOnly<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
