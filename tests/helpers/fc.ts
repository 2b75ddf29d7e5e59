/** fast-check for every property test: with MCPO_SEED set, every property runs with that seed, so the
 * `{ seed: N, path: "…" }` printed by a failure replays with `MCPO_SEED=N` (tests/helpers/seed.ts). */
import fc from "fast-check";
import { seedFromEnv } from "./seed.ts";

const seed = seedFromEnv();
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });

export default fc;
