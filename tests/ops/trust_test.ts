/** Issue 16, trust: `trust add KEYFILE --name NAME`, `trust list`, `trust remove NAME|KEYID` through the CLI
 * (and list_trusted_keys over MCP); verify and status name the signer; a removed key's publishes stop
 * verifying and deploying while the files already deployed from them are reported, never touched. Two
 * machines are two temp homes: alice publishes, we copy her signed store files, as a pull would. */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { type TempHome, tempHome } from "../helpers/home.ts";
import { withMcp } from "../mcp/client.ts";

const json = async (h: TempHome, args: string[]) => await cli(h, [...args, "--format", "json"]);

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(join(from, e.name), join(to, e.name));
    else await Deno.copyFile(join(from, e.name), join(to, e.name));
  }
}

/** Two machines: alice (init, one publish of claude-code/default) and us (init). */
async function withTwoMachines(fn: (alice: TempHome, us: TempHome, artifact: string) => Promise<void>) {
  const [alice, us] = [await tempHome(), await tempHome()];
  try {
    assertEquals((await json(alice, ["init"])).code, 0);
    assertEquals((await json(us, ["init"])).code, 0);
    assertEquals((await json(alice, ["add-server", "memory", "--client", "claude-code"])).code, 0);
    const pub = await json(alice, ["publish-config", "--client", "claude-code", "--changelog", "memory"]);
    assertEquals(pub.code, 0, pub.stdout);
    // What a pull brings: the signed files, not trust.
    for (const d of ["artifacts", "index", "heads"]) await copyTree(join(alice.home, d), join(us.home, d));
    await fn(alice, us, pub.json.artifact_id);
  } finally {
    await alice.cleanup();
    await us.cleanup();
  }
}

Deno.test("trust: a teammate's publish deploys only once her key is trusted; verify and status name her", () =>
  withTwoMachines(async (alice, us, artifact) => {
    const aliceKey = (await json(alice, ["trust", "list"])).json.own_key_id as string;
    // Arriving is not being trusted.
    const before = await json(us, ["verify", "--client", "claude-code"]);
    assertEquals([before.code, before.json.error], [5, "index_invalid"]);
    assertEquals((await json(us, ["deploy-config", "--client", "claude-code"])).code, 5);

    const pub = join(alice.home, "keys", "signing.pub");
    const add = await json(us, ["trust", "add", pub, "--name", "alice"]);
    assertEquals(add.code, 0, add.stdout);
    assertEquals([add.json.status, add.json.key_id, add.json.name, add.json.own], [
      "added",
      aliceKey,
      "alice",
      false,
    ]);
    assertEquals(
      JSON.parse(await Deno.readTextFile(join(us.home, "keys", "trusted", `${aliceKey}.json`))).name,
      "alice",
    );
    const list = await json(us, ["trust", "list"]);
    assertEquals(list.json.keys.map((k: { name: string | null; own: boolean }) => [k.name, k.own]), [
      [null, true],
      ["alice", false],
    ]);
    assert.match((await cli(us, ["trust", "list"])).stdout, /alice +[0-9a-f]{16}/);

    const v = await json(us, ["verify", "--client", "claude-code"]);
    assertEquals(v.code, 0, v.stdout);
    assertEquals(v.json.signer, { key_id: aliceKey, name: "alice", trusted: true, own: false });
    assert.match(
      (await cli(us, ["verify", artifact.slice(0, 12)])).stdout,
      new RegExp(`signed by: +alice \\(${aliceKey}\\)`),
    );

    const dep = await json(us, ["deploy-config", "--client", "claude-code"]);
    assertEquals(dep.code, 0, dep.stdout);
    const st = (await json(us, ["status", "--client", "claude-code"])).json.targets[0];
    assertEquals([st.state, st.signed_by], ["up-to-date", {
      key_id: aliceKey,
      name: "alice",
      trusted: true,
      own: false,
    }]);
    assert.match(
      (await cli(us, ["status", "--client", "claude-code"])).stdout,
      /up-to-date \(signed by alice\) /,
    );

    // Trusting the same key again only renames it; the name is what a teammate is known by.
    const again = await json(us, ["trust", "add", pub, "--name", "alice.smith"]);
    assertEquals([again.json.status, again.json.previous_name], ["named", "alice"]);
    assertEquals((await json(us, ["trust", "add", pub, "--name", "alice.smith"])).json.status, "unchanged");
  }));

Deno.test("trust remove: the key's publishes stop verifying and deploying; the deployed file is reported untrusted and left byte for byte", () =>
  withTwoMachines(async (alice, us, artifact) => {
    const pub = join(alice.home, "keys", "signing.pub");
    assertEquals((await json(us, ["trust", "add", pub, "--name", "alice"])).code, 0);
    assertEquals((await json(us, ["deploy-config", "--client", "claude-code"])).code, 0);
    const file = join(us.userHome, ".claude.json");
    const deployed = await Deno.readFile(file);

    const rm = await json(us, ["trust", "remove", "alice"]);
    assertEquals(rm.code, 0, rm.stdout);
    assertEquals([rm.json.status, rm.json.name, rm.json.own, rm.json.profiles_signed], [
      "removed",
      "alice",
      false,
      ["claude-code/default"],
    ]);
    assert.ok(
      !(await Deno.stat(join(us.home, "keys", "trusted", `${rm.json.key_id}.pub`)).catch(() => null)),
    );

    const v = await json(us, ["verify", artifact]);
    assertEquals(v.code, 5);
    assert.match(v.json.message, /untrusted key "[0-9a-f]{16}" \(alice, no longer trusted\)/);
    assertEquals(v.json.details.signer.name, "alice");
    const again = await json(us, ["deploy-config", "--client", "claude-code", "--force"]);
    assertEquals([again.code, again.json.error], [5, "index_invalid"]);
    // Every command names the removed signer as verify does (it once said only the key id).
    assert.match(again.json.message, /untrusted key "[0-9a-f]{16}" \(alice, no longer trusted\)/);
    assertEquals(again.json.details.signer.name, "alice");
    const byId = await json(us, ["deploy-config", "--client", "codex", "--artifact-id", artifact]);
    assertEquals(byId.code, 5, byId.stdout);

    const st = await json(us, ["status", "--client", "claude-code"]);
    assertEquals(st.code, 0, st.stdout);
    const t = st.json.targets[0];
    assertEquals([t.state, t.signed_by.name, t.signed_by.trusted, t.deployed_artifact_id], [
      "untrusted",
      "alice",
      false,
      artifact,
    ]);
    assert.match(t.detail, /signed by alice \([0-9a-f]{16}\): not trusted/);
    assert.match(
      (await cli(us, ["status"])).stdout,
      /claude-code +default +untrusted \(signed by alice, [0-9a-f]{16}: no longer trusted\) +- +[0-9a-f]{12} /,
    );
    assertEquals(await Deno.readFile(file), deployed, "the deployed file is never touched");

    // verify --all: what a removed key signed is the user's choice, not damage: warnings naming alice
    // (the artifact, the index, the deployment that used it), exit 0, so a CI check keeps passing.
    const all = await json(us, ["verify", "--all"]);
    assertEquals(all.code, 0, all.stdout);
    assertEquals(all.json.warnings.map((w: { check: string }) => w.check), [
      "artifacts",
      "indexes",
      "deployments",
    ]);
    for (const w of all.json.warnings.slice(0, 2)) {
      assert.match(
        w.message,
        /signed by alice \([0-9a-f]{16}\): its trust was removed \(trust remove alice\)/,
      );
    }
    assert.match(all.json.warnings[2].message, /signed by a key whose trust was removed: status reports/);

    // The name is free again, and stays unknown as a key: removing twice is key_not_found.
    assertEquals((await json(us, ["trust", "remove", "alice"])).json.error, "key_not_found");
    assertEquals((await json(us, ["trust", "remove", "alice"])).code, 3);

    // A signer never trusted here (no name file left by trust remove) stays a problem: exit 5.
    await Deno.remove(join(us.home, "keys", "trusted", `${rm.json.key_id}.json`));
    const unknown = await json(us, ["verify", "--all"]);
    assertEquals([unknown.code, unknown.json.error], [5, "integrity_error"], unknown.stdout);
    assertEquals(unknown.json.details.problems.length, 3, unknown.stdout);
  }));

Deno.test("trust remove: this machine's own key needs --force (conflict, exit 6); afterwards its publishes stop verifying and trust list warns", () =>
  withTwoMachines(async (_alice, us) => {
    const own = (await json(us, ["trust", "list"])).json.own_key_id as string;
    const refused = await json(us, ["trust", "remove", own]);
    assertEquals([refused.code, refused.json.error, refused.json.details.own], [6, "conflict", true]);
    assert.ok(await Deno.stat(join(us.home, "keys", "trusted", `${own}.pub`)));

    assertEquals((await json(us, ["add-server", "time", "--client", "codex"])).code, 0);
    assertEquals((await json(us, ["publish-config", "--client", "codex"])).code, 0);
    const forced = await json(us, ["trust", "remove", own, "--force"]);
    assertEquals([forced.code, forced.json.own, forced.json.profiles_signed], [0, true, ["codex/default"]]);
    assertEquals((await json(us, ["verify", "--client", "codex"])).code, 5);
    const list = await json(us, ["trust", "list"]);
    assertEquals(list.json.count, 0);
    assert.match(list.json.warnings.join("\n"), /this machine's signing key [0-9a-f]{16} is not trusted/);
    // Trusting it again (under a name) restores it.
    const back = await json(us, ["trust", "add", join(us.home, "keys", "signing.pub"), "--name", "me"]);
    assertEquals([back.json.status, back.json.own], ["added", true]);
    assertEquals((await json(us, ["verify", "--client", "codex"])).code, 0);
  }));

Deno.test("trust add refuses a private key (never echoing it), a file that is no Ed25519 public key, a taken name, bad names and a missing --name", () =>
  withTwoMachines(async (alice, us) => {
    const priv = join(alice.home, "keys", "signing.key");
    const secret = (await Deno.readTextFile(priv)).split("\n")[1];
    const r = await json(us, ["trust", "add", priv, "--name", "alice"]);
    assertEquals([r.code, r.json.error], [2, "invalid_input"]);
    assert.match(r.json.message, /holds a private key/);
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret));

    const junk = join(us.userHome, "junk.pub");
    await Deno.writeTextFile(junk, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    assertEquals((await json(us, ["trust", "add", junk, "--name", "x"])).json.error, "invalid_input");
    assertEquals((await json(us, ["trust", "add", join(us.userHome, "none.pub"), "--name", "x"])).code, 7);

    const pub = join(alice.home, "keys", "signing.pub");
    assertEquals((await json(us, ["trust", "add", pub])).json.error, "invalid_input");
    for (const bad of ["../x", "a b", "", "0123456789abcdef", "x/y"]) {
      assertEquals((await json(us, ["trust", "add", pub, "--name", bad])).json.error, "invalid_input", bad);
    }
    assertEquals(
      (await json(us, ["trust", "add", join(us.home, "keys", "signing.pub"), "--name", "bob"])).code,
      0,
    );
    const taken = await json(us, ["trust", "add", pub, "--name", "bob"]);
    assertEquals([taken.code, taken.json.error], [6, "already_exists"]);
    assertEquals((await json(us, ["trust", "list"])).json.count, 1, "nothing was added");
    assertEquals((await json(us, ["trust", "frobnicate"])).code, 2);
    // Before init: refused, so that init still trusts this machine's (or the Python tool's) key pair.
    const fresh = await json(us, [
      "--home",
      join(us.userHome, "fresh"),
      "trust",
      "add",
      pub,
      "--name",
      "alice",
    ]);
    assertEquals([fresh.code, fresh.json.error], [3, "key_not_found"]);
    assert.match(fresh.json.message, /run `mcp-orchestration init` first/);
  }));

Deno.test("MCP list_trusted_keys lists what trust list lists; no tool adds or removes trust", () =>
  withMcp(async (t) => {
    await t.ok("initialize_keys");
    const r = await t.ok("list_trusted_keys");
    assertEquals(r.count, 1);
    assertEquals([r.keys[0].key_id, r.keys[0].own], [r.own_key_id, true]);
    const tools = (await t.client.listTools()).tools as {
      name: string;
      annotations?: Record<string, unknown>;
    }[];
    const names = tools.map((x) => x.name);
    assert.ok(!names.some((n) => /trust/.test(n) && n !== "list_trusted_keys"), names.join(" "));
    const tool = tools.find((x) => x.name === "list_trusted_keys")!;
    assertEquals(tool.annotations?.readOnlyHint, true);
  }));

Deno.test("trust add refuses a file of two keys (one key per file), and anything not a regular file (a FIFO, /dev/zero, a folder) without reading it", async () => {
  const [alice, bob, us] = [await tempHome(), await tempHome(), await tempHome()];
  try {
    for (const h of [alice, bob, us]) assertEquals((await json(h, ["init"])).code, 0);
    const pems = await Promise.all(
      [alice, bob].map((h) => Deno.readTextFile(join(h.home, "keys", "signing.pub"))),
    );
    const two = join(us.userHome, "two.pem");
    await Deno.writeTextFile(two, pems.join("\n"));
    let r = await json(us, ["trust", "add", two, "--name", "alice"]);
    assertEquals([r.code, r.json.error], [2, "invalid_input"]);
    assert.match(r.json.message, /one key per file/);
    const fifo = join(us.userHome, "key.fifo");
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assertEquals(made.code, 0);
    for (const path of [fifo, "/dev/zero", us.userHome]) {
      r = await json(us, ["trust", "add", path, "--name", "alice"]);
      assertEquals([r.code, r.json.error], [2, "invalid_input"], r.stdout);
      assert.match(r.json.message, /is not a regular file/);
    }
    // Nothing was trusted: only this machine's own key.
    assertEquals((await json(us, ["trust", "list"])).json.count, 1);
  } finally {
    for (const h of [alice, bob, us]) await h.cleanup();
  }
});
