/**
 * Seeds of randomised tests, so that a failure (in CI too) can be replayed: `MCPO_SEED=N deno task test`
 * (or `deno test ... FILE`) runs every randomised test with seed N.
 *
 * - The stress harnesses (tests/stress/) take `seedFromEnv() ?? clock` and put the seed in the message
 *   of any failure (`withSeed`); `deno task stress --seed N` overrides both.
 * - fast-check prints `{ seed: N, path: "…" }` on a failure already; tests/helpers/fc.ts sets its global
 *   seed from MCPO_SEED, so every property of a file replays with the same N.
 */

/** MCPO_SEED as an integer, or undefined when unset (a malformed value is an error, not ignored). */
export function seedFromEnv(): number | undefined {
  const raw = Deno.env.get("MCPO_SEED");
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`MCPO_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return n;
}

/** The seed of one randomised run: MCPO_SEED when set, else one from the clock. */
export function testSeed(): number {
  return seedFromEnv() ?? Date.now() % 1_000_000;
}

/** Runs `fn`; a failure is rethrown with `what`, the seed and how to replay it at the head of its message
 * (and printed to stderr, for runners that cut long messages). */
export async function withSeed<T>(what: string, seed: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const note =
      `${what} failed with seed ${seed} (replay: MCPO_SEED=${seed}, or deno task stress --seed ${seed})`;
    console.error(note);
    if (e instanceof Error) {
      e.message = `${note}: ${e.message}`;
      throw e;
    }
    throw new Error(`${note}: ${String(e)}`);
  }
}
