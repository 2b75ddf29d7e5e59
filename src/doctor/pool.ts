/**
 * Runs tasks concurrently, at most `limit` at a time, in order of start; `onDone` sees each result as it
 * arrives. The results come back in the order of the tasks. Once `signal` is aborted no further task
 * starts (those left have no result).
 *
 * @example
 * await pool([() => a(), () => b()], 4, (r, i) => console.log(i, r));
 */
export async function pool<T>(
  tasks: (() => Promise<T>)[],
  limit: number,
  onDone?: (result: T, index: number) => void,
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length && !signal?.aborted) {
      const i = next++;
      out[i] = await tasks[i]();
      onDone?.(out[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return out;
}
