/** Properties computed on first read. */

/** Gives `obj` an enumerable `key` whose value `compute()` makes on first read (JSON.stringify and
 * spreads read it; an assignment before then replaces it); returns `obj`. */
export function defineLazy<T extends object, K extends string, V>(
  obj: T,
  key: K,
  compute: () => V,
): T & Record<K, V> {
  const settle = (value: unknown) =>
    Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      settle(value);
      return value;
    },
    set: settle,
  });
  return obj as T & Record<K, V>;
}
