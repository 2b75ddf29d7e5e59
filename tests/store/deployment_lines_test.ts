/** The deployment log's line layout: the managed set last, parsed only when used; earlier lines still read. */
import assert from "node:assert/strict";
import { join } from "../../src/platform/path.ts";
import {
  appendDeployment,
  type DeploymentRecord,
  readDeployments,
  recordLine,
} from "../../src/store/deployments.ts";
import { makeDeps } from "../../src/platform/make_deps.ts";
import { allClientFiles } from "../../src/clients/allowed_files.ts";
import { initKeys } from "../../src/store/keys.ts";

const rec = (
  i: number,
  managed: Record<string, string>,
  extra: Partial<DeploymentRecord> = {},
): DeploymentRecord => ({
  deployment_id: `20261121T000000${String(i).padStart(3, "0")}Z-abcdef`,
  action: "deploy",
  client_id: "cursor",
  profile_id: "default",
  artifact_id: "a".repeat(64),
  config_path: '/tmp/x/,"managed":{"y":1}}/mcp.json',
  scope: "user",
  deployed_at: "2026-11-21T00:00:00.000Z",
  managed,
  changes: { added: Object.keys(managed), updated: [], removed: [] },
  pre_image_sha256: null,
  post_image_sha256: "b".repeat(64),
  forced: false,
  secrets: "reference",
  ...extra,
});

async function withLog(fn: (deps: ReturnType<typeof makeDeps>, log: string) => Promise<void>) {
  const home = await Deno.makeTempDir();
  try {
    const deps = makeDeps({ env: { HOME: home }, os: "linux", clientFiles: allClientFiles });
    await initKeys(deps); // appends are signed
    await fn(deps, join(home, ".mcp-orchestration", "deployments", "cursor.jsonl"));
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

Deno.test("a record line ends with its managed set and reads back equal, names with quotes and braces included", () =>
  withLog(async (deps, log) => {
    const odd = {
      'a"}': "1".repeat(64),
      "managed": "2".repeat(64),
      '},"managed":{': "3".repeat(64),
      "x{": "4".repeat(64),
    };
    const records = [
      rec(1, odd),
      rec(2, {}),
      rec(3, { one: "5".repeat(64) }, { pinned: ["one"], index_version: 3 }),
    ];
    for (const r of records) await appendDeployment(deps, r);
    const lines = (await Deno.readTextFile(log)).trimEnd().split("\n");
    assert.equal(lines.length, 3);
    for (const line of lines) assert.match(line, /,"managed":\{[^]*\}\}$/);
    const back = await readDeployments(deps, "cursor");
    // Not parsed yet: a getter stands for each set until it is used.
    for (const r of back) assert.equal(typeof Object.getOwnPropertyDescriptor(r, "managed")?.get, "function");
    assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(records)));
    for (let i = 0; i < records.length; i++) assert.deepEqual(back[i].managed, records[i].managed);
  }));

Deno.test("lines of the earlier layout (managed before changes) and foreign lines read as before", () =>
  withLog(async (deps, log) => {
    const old = rec(1, { a: "1".repeat(64), b: "2".repeat(64) });
    const oldLast = { ...rec(2, { c: "3".repeat(64) }), changes: undefined };
    const oldWithChangesLast = (() => {
      const { changes, ...rest } = rec(3, { d: "4".repeat(64) });
      return { ...rest, changes };
    })();
    await Deno.mkdir(join(log, ".."), { recursive: true });
    const text = [
      JSON.stringify(old),
      JSON.stringify(oldLast),
      JSON.stringify(oldWithChangesLast),
      '{"torn": ',
      "not json",
    ].join("\n") + "\n";
    await Deno.writeTextFile(log, text);
    const back = await readDeployments(deps, "cursor");
    assert.deepEqual(back.map((r) => r.managed), [old.managed, oldLast.managed, oldWithChangesLast.managed]);
    await appendDeployment(deps, rec(4, { e: "5".repeat(64) }));
    assert.deepEqual((await readDeployments(deps, "cursor")).at(-1)!.managed, { e: "5".repeat(64) });
  }));

Deno.test("a damaged managed set is reported when it is used, not silently read as empty", () =>
  withLog(async (deps, log) => {
    // A line of an unsigned log (an earlier version's): a signed one would fail the log's check first.
    await Deno.mkdir(join(log, ".."), { recursive: true });
    const line = recordLine(rec(1, { a: "1".repeat(64) }));
    await Deno.writeTextFile(log, line.replace('{"a":"', '{"a":') + "\n");
    const [r] = await readDeployments(deps, "cursor");
    assert.equal(r.deployment_id, rec(1, {}).deployment_id);
    assert.throws(() => r.managed, (e: any) => e.code === "integrity_error");
  }));

Deno.test("recordLine puts managed last and keeps every other field", () => {
  const r = rec(7, { z: "9".repeat(64) });
  const line = recordLine(r);
  assert.ok(line.endsWith(`,"managed":{"z":"${"9".repeat(64)}"}}`));
  assert.deepEqual(JSON.parse(line), JSON.parse(JSON.stringify(r)));
});

Deno.test("an append after a torn last line (a crash mid-append) starts on a new line; the torn line is skipped", () =>
  withLog(async (deps, log) => {
    await appendDeployment(deps, rec(1, { a: "1".repeat(64) }));
    await Deno.writeTextFile(log, '{"deployment_id": "torn', { append: true });
    await appendDeployment(deps, rec(2, { b: "2".repeat(64) }));
    const text = await Deno.readTextFile(log);
    assert.equal(text.split("\n").length, 4, text);
    assert.deepEqual((await readDeployments(deps, "cursor")).map((r) => r.deployment_id), [
      rec(1, {}).deployment_id,
      rec(2, {}).deployment_id,
    ]);
  }));
