/**
 * verify --all over a real workflow, and each kind of damage it must report: an altered artifact, a
 * missing backup, secret-bearing files readable by others, an altered trusted key, a torn log line.
 * A secret replaced since a backup was taken still restores that backup byte for byte.
 */
import { join } from "node:path";
import { assert, assertEquals, assertRejectsCode } from "../core/assert.ts";
import { SAMPLE_PAYLOAD, type TempHome, withHome } from "../helpers/home.ts";
import { AppError } from "../../src/core/errors.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { rollback } from "../../src/ops/rollback.ts";
import { history } from "../../src/ops/history.ts";
import { verifyAll } from "../../src/ops/verify_all.ts";
import { setSecrets } from "../../src/store/secrets.ts";

/** Claude Desktop has no reference syntax: secrets land in its file literally (and in backups scrubbed). */
async function workflow(h: TempHome) {
  const d = h.deps();
  const k = await init(d);
  await setSecrets(d, { TOKEN: "tok-first-0123456789" });
  const a = await publish(d, { client: "claude-desktop", profile: "default", payload: SAMPLE_PAYLOAD });
  const file = join(h.userHome, ".config", "Claude", "claude_desktop_config.json");
  await Deno.mkdir(join(h.userHome, ".config", "Claude"), { recursive: true });
  await Deno.writeTextFile(file, '{"globalShortcut": "Ctrl+Space"}\n');
  const first = await deploy(d, { client: "claude-desktop" });
  // The token is rotated: the next deploy's backup holds the first value.
  await setSecrets(d, { TOKEN: "tok-second-987654321" });
  const second = await deploy(d, { client: "claude-desktop" });
  await publish(d, {
    client: "claude-desktop",
    profile: "default",
    payload: { mcpServers: { only: { command: "x" } } },
  });
  const third = await deploy(d, { client: "claude-desktop" });
  return { d, k, a, file, first, second, third };
}

async function problems(h: TempHome): Promise<string[]> {
  try {
    await verifyAll(h.deps());
    return [];
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === "integrity_error", String(e));
    return (e.details.problems as { message: string }[]).map((p) => p.message);
  }
}

Deno.test("verify --all passes after a workflow with a rotated secret, and a backup taken before the rotation restores exactly", () =>
  withHome(async (h) => {
    const w = await workflow(h);
    const r = await verifyAll(h.deps());
    assertEquals(r.status, "verified");
    assert.ok(
      r.checked.artifacts === 2 && r.checked.indexes === 1 && r.checked.deployments === 3 &&
        r.checked.backups === 3,
      JSON.stringify(r.checked),
    );
    assertEquals(r.warnings, []);
    // No backup holds either value of the token; the first value comes back from the backup exactly.
    for await (const e of Deno.readDir(join(h.home, "backups"))) {
      const text = await Deno.readTextFile(join(h.home, "backups", e.name));
      assert.ok(
        !text.includes("tok-first") && !text.includes("tok-second"),
        `backup ${e.name} holds a secret value`,
      );
    }
    await rollback(w.d, { client: "claude-desktop", restore: w.third.deployment_id! });
    assert.ok((await Deno.readTextFile(w.file)).includes("tok-second-987654321"));
    // The file as the first deploy left it: with the value the token had then, from a backup taken after.
    await rollback(w.d, { client: "claude-desktop", restore: w.second.deployment_id! });
    const text = await Deno.readTextFile(w.file);
    assert.ok(text.includes("tok-first-0123456789") && !text.includes("tok-second"), text);
    await verifyAll(h.deps());
  }));

Deno.test("verify --all reports an altered artifact, a missing or altered backup, open modes, an altered trusted key", () =>
  withHome(async (h) => {
    const w = await workflow(h);
    const art = join(h.home, "artifacts", `${w.a.artifact_id}.json`);
    const orig = await Deno.readTextFile(art);
    await Deno.writeTextFile(art, orig.replace('"npx"', '"npm"'));
    assert.match((await problems(h)).join("\n"), /fails verification/);
    await Deno.writeTextFile(art, orig);
    const backup = join(
      h.home,
      "backups",
      (await history(w.d, { client: "claude-desktop" })).deployments[0].pre_image_sha256!,
    );
    const saved = await Deno.readFile(backup);
    await Deno.remove(backup);
    assert.match((await problems(h)).join("\n"), /backup .* is missing/);
    await Deno.writeFile(backup, saved.map((b, i) => (i === 3 ? b ^ 1 : b)), { mode: 0o600 });
    assert.match((await problems(h)).join("\n"), /does not match its hash/);
    await Deno.writeFile(backup, saved);
    for (const p of [join(h.home, "secrets.json"), join(h.home, "keys", "signing.key"), backup]) {
      await Deno.chmod(p, 0o644);
      assert.match((await problems(h)).join("\n"), /other users can read it/, p);
      await Deno.chmod(p, 0o600);
    }
    const pub = join(h.home, "keys", "trusted", `${w.k.key_id}.pub`);
    const pem = await Deno.readTextFile(pub);
    await Deno.writeTextFile(pub, pem.replace("\n-----END", "A\n-----END"));
    assert.match((await problems(h)).join("\n"), /not exactly the public key its name says/);
    await Deno.writeTextFile(pub, pem);
    assertEquals(await problems(h), []);
  }));

Deno.test("verify --all: interrupted leftovers are warnings; group-writable is a warning; world-writable is refused", () =>
  withHome(async (h) => {
    const w = await workflow(h);
    await publish(h.deps(), { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD }); // an index...
    await Deno.remove(join(h.home, "heads", "cursor", "default.json")); // ...whose head write was cut off
    await Deno.writeTextFile(join(h.home, "artifacts", ".x.json.mcpo-tmp-1"), "{");
    const log = join(h.home, "deployments", "claude-desktop.jsonl");
    await Deno.writeTextFile(log, '{"deployment_id": "torn', { append: true });
    await Deno.chmod(h.home, 0o770);
    const r = await verifyAll(h.deps());
    const text = r.warnings.map((x) => x.message).join("\n");
    for (
      const re of [
        /head of "cursor\/default" is behind/,
        /temp file/,
        /line 4 is not a record/,
        /writable by its group/,
      ]
    ) assert.match(text, re);
    // The torn line never swallows the next record.
    await publish(w.d, { client: "claude-desktop", profile: "default", payload: SAMPLE_PAYLOAD });
    await deploy(w.d, { client: "claude-desktop" });
    assertEquals((await history(w.d, { client: "claude-desktop" })).total, 4);
    await Deno.chmod(h.home, 0o777);
    await assertRejectsCode(() => verifyAll(h.deps()), "path_not_allowed");
    await assertRejectsCode(() => deploy(h.deps(), { client: "claude-desktop" }), "path_not_allowed");
    await Deno.chmod(h.home, 0o700);
    await Deno.chmod(join(h.home, "keys", "trusted"), 0o757);
    await assertRejectsCode(() => deploy(h.deps(), { client: "claude-desktop" }), "path_not_allowed");
    await Deno.chmod(join(h.home, "keys", "trusted"), 0o700);
  }));
