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

const LOADS = Symbol("loads");
type Loads = { [LOADS]?: (() => Promise<void>)[] };

/** Like {@link defineLazy}, for a value whose computation needs a module that costs start-up and is
 * used only when the value is read (jsdiff for a deploy's diff): `load()` runs in {@link ready}, which
 * a reader that serialises the object (the CLI's JSON output, an MCP tool result) awaits first.
 * Reading `key` before `ready(obj)` settled is a programming error and throws. */
export function defineLazyLoaded<T extends object, K extends string, M, V>(
  obj: T,
  key: K,
  load: () => Promise<M>,
  compute: (module: M) => V,
): T & Record<K, V> {
  let module: { m: M } | undefined;
  let loads = (obj as Loads)[LOADS];
  if (!loads) Object.defineProperty(obj, LOADS, { value: loads = [], enumerable: false });
  loads.push(async () => {
    module ??= { m: await load() };
  });
  return defineLazy(obj, key, () => {
    if (!module) throw new Error(`"${key}" was read before ready() loaded what it needs`);
    return compute(module.m);
  });
}

/** Loads what the lazy values of `value` (see {@link defineLazyLoaded}) need; returns `value`. */
export async function ready<T>(value: T): Promise<T> {
  const loads = typeof value === "object" && value !== null ? (value as Loads)[LOADS] : undefined;
  for (const load of loads ?? []) await load();
  return value;
}
