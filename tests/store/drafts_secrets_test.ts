import { join } from "node:path";
import { assert, assertEquals, assertRejectsCode } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { readSecrets, setSecrets } from "../../src/store/secrets.ts";
import { readDraft, updateDraft } from "../../src/store/drafts.ts";

Deno.test("secrets.json: 0600, merged, sorted, reports replaced values, refuses bad names", () =>
  withHome(async (h) => {
    const d = h.deps();
    assertEquals(await readSecrets(d), {});
    assertEquals(await setSecrets(d, { B_TOKEN: "b1", A_KEY: "a1" }), { replaced: [] });
    assertEquals(await setSecrets(d, { B_TOKEN: "b2", A_KEY: "a1" }), { replaced: ["B_TOKEN"] });
    const path = join(h.home, "secrets.json");
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
    // The replaced value stays (under "#retired", never a secret name) so older backups still restore.
    assertEquals(JSON.parse(await Deno.readTextFile(path)), {
      A_KEY: "a1",
      B_TOKEN: "b2",
      "#retired": { B_TOKEN: ["b1"] },
    });
    assertEquals(await readSecrets(d), { A_KEY: "a1", B_TOKEN: "b2" });
    await assertRejectsCode(() => setSecrets(d, { "bad name": "x" }), "invalid_input");
    // Names every object has are refused: a lookup of "toString" must never find a function.
    for (const n of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      await assertRejectsCode(() => setSecrets(d, { [n]: "value-1234" }), "invalid_input");
    }
  }));

Deno.test("drafts: empty when missing, written atomically (0600) under the lock, concurrent updates all land", () =>
  withHome(async (h) => {
    const d = h.deps(undefined, () => new Date("2026-01-02T03:04:05Z"));
    assertEquals((await readDraft(d, "cursor", "dev")).servers, []);
    await assertRejectsCode(() => readDraft(d, "Bad!", "dev"), "invalid_input");
    await Promise.all(["a", "b", "c", "d"].map((n) =>
      updateDraft(d, "cursor", "dev", (cur) => ({
        draft: {
          ...cur,
          servers: [...cur.servers, {
            name: n,
            source: { custom: true as const },
            params: {},
            env: {},
            secret_refs: [],
            entry: { command: n },
          }],
        },
        result: null,
      }))
    ));
    const got = await readDraft(d, "cursor", "dev");
    assertEquals(got.servers.map((s) => s.name).sort(), ["a", "b", "c", "d"]);
    assertEquals(got.updated_at, "2026-01-02T03:04:05.000Z");
    const path = join(h.home, "drafts", "cursor", "dev.json");
    assertEquals((await Deno.stat(path)).mode! & 0o777, 0o600);
    const { draft } = await updateDraft(d, "cursor", "dev", () => ({ draft: null, result: null }));
    assertEquals(draft.servers, []);
    assert.equal(await Deno.stat(path).catch(() => null), null);
  }));
