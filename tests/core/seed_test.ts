import { assert, assertEquals, assertRejects } from "./assert.ts";
import { withSeed } from "../helpers/seed.ts";

Deno.test("withSeed: a failure names its seed and how to replay it; a success passes through", async () => {
  assertEquals(await withSeed("x", 7, () => Promise.resolve(1)), 1);
  const e = await assertRejects(() =>
    withSeed("crash harness (deploy-config)", 4242, () => Promise.reject(new Error("torn")))
  );
  assert.match(
    e.message,
    /^crash harness \(deploy-config\) failed with seed 4242 \(replay: MCPO_SEED=4242.*: torn$/,
  );
});

/** fast-check's samples in a fresh process with MCPO_SEED set as given. */
async function samples(seed: string | undefined): Promise<string> {
  const fcUrl = new URL("../helpers/fc.ts", import.meta.url).href;
  const env: Record<string, string> = { ...Deno.env.toObject() };
  delete env.MCPO_SEED;
  if (seed !== undefined) env.MCPO_SEED = seed;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const { default: fc } = await import(${JSON.stringify(fcUrl)});
      let seen = []; try { fc.assert(fc.property(fc.integer(), (n) => { seen.push(n); return seen.length < 5; })); } catch {}
      console.log(JSON.stringify(seen));`,
    ],
    env,
    clearEnv: true,
    stdout: "piped",
  }).output();
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("MCPO_SEED replays fast-check properties: the same seed draws the same values", async () => {
  const [a, b, c] = [await samples("123"), await samples("123"), await samples("124")];
  assert.ok(a.startsWith("["), a);
  assertEquals(a, b);
  assert.notEqual(a, c);
});
