/**
 * Every byte of the user's file, including the first three. For a client of each format (JSON: Claude
 * Desktop, Cursor; JSONC: VS Code, Zed; TOML: Codex; YAML: Continue, Goose) and a file with a UTF-8 BOM,
 * CRLF line endings, no final newline, or these together, through the CLI: deploy, connect, a second
 * deploy and a rollback keep the BOM and every byte they do not edit; every backup is named by the
 * SHA-256 of the exact pre-image and holds exactly it; `rollback --restore`, record by record, gives back
 * the exact original bytes; `verify --all` passes after each step. The same through the MCP server.
 * Invalid UTF-8 is refused (`config_parse_error`) by every command that reads a client file, never
 * rewritten; two BOMs are kept or refused, never one dropped.
 */
import { basename, join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import {
  assertVerifies,
  clientPath,
  FORMAT_CLIENTS,
  initAndPublish,
  logged,
  publishServers,
  put,
  sampleText,
  sha256,
} from "./client_files.ts";

const enc = new TextEncoder();
const BOM = "\uFEFF";
const crlf = (t: string) => t.replace(/\n/g, "\r\n");

const VARIANTS: [string, (lf: string) => string][] = [
  ["BOM", (t) => BOM + t],
  ["BOM + CRLF", (t) => BOM + crlf(t)],
  ["BOM + CRLF, no final newline", (t) => BOM + crlf(t).replace(/\r\n$/, "")],
  ["CRLF", crlf],
  ["no final newline", (t) => t.replace(/\n$/, "")],
];

/** What a write must keep of the original's form: the BOM, the line endings, the final newline. */
function assertForm(label: string, orig: string, now: Uint8Array): void {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(now);
  assertEquals(
    text.startsWith(BOM),
    orig.startsWith(BOM),
    `${label}: BOM ${orig.startsWith(BOM) ? "lost" : "added"}`,
  );
  assert.ok(!text.startsWith(BOM + BOM), `${label}: BOM doubled`);
  if (orig.includes("\r\n")) assert.ok(!/[^\r]\n/.test(text), `${label}: a bare LF in a CRLF file`);
  else assert.ok(!text.includes("\r"), `${label}: a CR in an LF file`);
  assertEquals(
    text.endsWith("\n"),
    orig.endsWith("\n"),
    `${label}: the final newline ${orig.endsWith("\n") ? "lost" : "added"}`,
  );
}

/** The record of a deployment (history --deployment). */
async function record(h: TempHome, id: string) {
  const r = await cli(h, ["history", "--deployment", id, "--format", "json"]);
  assertEquals(r.code, 0, r.stdout);
  return r.json.deployment ?? r.json;
}

/** A write by `args` that must succeed; checks its record and its backup against the bytes before. */
async function write(h: TempHome, label: string, file: string, orig: string, args: string[]) {
  const before = await Deno.readFile(file);
  const r = await cli(h, [...args, "--format", "json"]);
  assertEquals(r.code, 0, `${label}: ${r.stdout}`);
  const after = await Deno.readFile(file);
  assertForm(label, orig, after);
  const rec = await record(h, r.json.deployment_id);
  assertEquals(
    rec.pre_image_sha256,
    await sha256(before),
    `${label}: pre-image hash is not over the real bytes`,
  );
  assertEquals(
    rec.post_image_sha256,
    await sha256(after),
    `${label}: post-image hash is not over the real bytes`,
  );
  const backup = join(h.home, "backups", rec.pre_image_sha256);
  assertEquals(await Deno.readFile(backup), before, `${label}: the backup is not the exact pre-image`);
  if (r.json.backup) assertEquals(basename(r.json.backup), await sha256(before));
  await assertVerifies(h, label);
  return { id: r.json.deployment_id as string, before, after };
}

async function flow(h: TempHome, client: string, label: string, orig: string): Promise<void> {
  const file = clientPath(h, client);
  await initAndPublish(h, client);
  const origBytes = enc.encode(orig);
  await put(file, origBytes);
  // The same file without its BOM, deployed beside it: the two results differ by the BOM alone.
  const twin = join(h.userHome, "twin", basename(file));
  await put(twin, enc.encode(orig.replace(/^\uFEFF/, "")));
  assertEquals((await cli(h, ["deploy-config", "--client", client, "--config-path", twin])).code, 0);

  const d1 = await write(h, `${label}: deploy`, file, orig, ["deploy-config", "--client", client]);
  const twinAfter = new TextDecoder().decode(await Deno.readFile(twin));
  assertEquals(
    new TextDecoder("utf-8", { ignoreBOM: true }).decode(d1.after),
    (orig.startsWith(BOM) ? BOM : "") + twinAfter,
    `${label}: the deploy changed more than the file without a BOM`,
  );
  const st = await cli(h, ["status", "--client", client, "--format", "json"]);
  const mine = st.json.targets.find((t: { config_path: string }) => t.config_path === file);
  assertEquals(mine?.state, "up-to-date", `${label}: status: ${st.stdout}`);

  const c1 = await write(h, `${label}: connect`, file, orig, ["connect", client]);
  await publishServers(h, client, {
    fresh: { command: "uvx", args: ["fresh-mcp"] },
    second: { command: "uvx", args: ["second-mcp"] },
  });
  const d2 = await write(h, `${label}: second deploy`, file, orig, ["deploy-config", "--client", client]);
  const r1 = await write(h, `${label}: rollback`, file, orig, ["rollback", "--client", client]);

  // Undo each write, newest first: each restore gives back the exact bytes before that write.
  for (const w of [r1, d2, c1, d1]) {
    const r = await cli(h, ["rollback", "--client", client, "--restore", w.id, "--format", "json"]);
    assertEquals(r.code, 0, `${label}: rollback --restore: ${r.stdout}`);
    assertEquals(
      await Deno.readFile(file),
      w.before,
      `${label}: restore of ${w.id} is not the exact pre-image`,
    );
    await assertVerifies(h, `${label}: restore`);
  }
  assertEquals(await Deno.readFile(file), origBytes, `${label}: not the original bytes after every restore`);

  // Reading works on the same bytes: the hand-made server is imported, the file diffed. (Last: an import
  // may store a secret, and a backup then holds a placeholder for it instead of its bytes.)
  const imp = await cli(h, [
    "import-config",
    "--client",
    client,
    "--profile",
    "imported",
    "--format",
    "json",
  ]);
  assertEquals([imp.code, imp.json?.imported], [0, ["my-own"]], `${label}: import-config: ${imp.stdout}`);
  const diff = await cli(h, ["diff-config", client, "--file", file, "--format", "json"]);
  assertEquals(diff.code, 0, `${label}: diff-config --file: ${diff.stdout}`);
  assertEquals(await Deno.readFile(file), origBytes);
}

for (const c of FORMAT_CLIENTS) {
  Deno.test(`${c.client}: BOM, CRLF and no final newline survive deploy, connect, rollback and restore byte for byte`, async () => {
    const lf = await sampleText(c.fixture);
    for (const [label, make] of VARIANTS) {
      await withHome((h) => flow(h, c.client, `${c.client} ${label}`, make(lf)));
    }
  });
}

Deno.test("MCP: deploy_config, connect_client and rollback_deployment keep a BOM and CRLF; restore gives the exact bytes", async () => {
  for (const c of FORMAT_CLIENTS) {
    const orig = enc.encode(BOM + crlf(await sampleText(c.fixture)));
    await withMcp(async ({ ok, deps, home }) => {
      await init(deps);
      await publish(deps, {
        client: c.client,
        profile: "default",
        payload: { mcpServers: { fresh: { command: "uvx", args: ["fresh-mcp"] } } },
      });
      const file = clientPath(home, c.client);
      await put(file, orig);
      const dep = await ok("deploy_config", { client_id: c.client });
      const deployed = await Deno.readFile(file);
      assertForm(`${c.client} MCP deploy`, BOM + "\r\n", deployed);
      assertEquals(
        basename(dep.backup),
        await sha256(orig),
        `${c.client}: backup not named by the original's hash`,
      );
      assertEquals(await Deno.readFile(dep.backup), orig, `${c.client}: backup is not the original`);
      assertEquals((await ok("verify_config", { all: true })).status, "verified");
      const st = await ok("get_deployment_status", { client_id: c.client });
      assertEquals(st.targets.map((t: { state: string }) => t.state), ["up-to-date"], c.client);
      const con = await ok("connect_client", { client_id: c.client });
      assertForm(`${c.client} MCP connect`, BOM + "\r\n", await Deno.readFile(file));
      await ok("rollback_deployment", { client_id: c.client, restore_deployment_id: con.deployment_id });
      assertEquals(await Deno.readFile(file), deployed, `${c.client}: restore of connect`);
      await ok("rollback_deployment", { client_id: c.client, restore_deployment_id: dep.deployment_id });
      assertEquals(await Deno.readFile(file), orig, `${c.client}: restore is not the original bytes`);
      assertEquals((await ok("verify_config", { all: true })).status, "verified");
      const imp = await ok("import_client_config", { client_id: c.client, profile_id: "imported" });
      assertEquals(imp.imported, ["my-own"], c.client);
    });
  }
});

/** A command on a file that must be refused with `code`, leaving the file and the log as they were. */
async function refused(
  h: TempHome,
  client: string,
  file: string,
  args: string[],
  code: string,
  what: string,
) {
  const before = await Deno.readFile(file);
  const count = await logged(h, client);
  const r = await cli(h, [...args, "--format", "json"]);
  assertEquals(r.json?.error, code, `${what}: ${r.stdout}`);
  assertEquals(await Deno.readFile(file), before, `${what}: the file was written`);
  assertEquals(await logged(h, client), count, `${what}: logged`);
}

Deno.test("invalid UTF-8 in a client file is refused by every command (config_parse_error), never rewritten", async () => {
  for (const c of FORMAT_CLIENTS) {
    await withHome(async (h) => {
      const file = clientPath(h, c.client);
      await initAndPublish(h, c.client);
      const lf = enc.encode(BOM + await sampleText(c.fixture));
      await put(file, lf);
      const dep = await cli(h, ["deploy-config", "--client", c.client, "--format", "json"]);
      assertEquals(dep.code, 0, dep.stdout);
      // A byte that is not UTF-8 inside the hand-written part (the first line), and a lone continuation byte.
      for (const bad of [0xff, 0x80]) {
        const now = await Deno.readFile(file);
        const broken = Uint8Array.from([...now.slice(0, 5), bad, ...now.slice(5)]);
        await Deno.writeFile(file, broken);
        const what = `${c.client} byte 0x${bad.toString(16)}`;
        for (
          const args of [
            ["deploy-config", "--client", c.client, "--force"],
            ["connect", c.client],
            ["rollback", "--client", c.client, "--restore", dep.json.deployment_id],
            ["import-config", "--client", c.client],
            ["diff-config", c.client, "--file", file],
          ]
        ) await refused(h, c.client, file, args, "config_parse_error", `${what}: ${args[0]}`);
        const st = await cli(h, ["status", "--client", c.client, "--format", "json"]);
        assertEquals(
          st.json.targets.map((t: { state: string }) => t.state),
          ["unreadable"],
          `${what}: status`,
        );
        assertEquals(await Deno.readFile(file), broken);
        await Deno.writeFile(file, now);
      }
      await assertVerifies(h, c.client);
    });
  }
});

Deno.test("a file starting with two BOMs is refused (config_parse_error), never written with one", async () => {
  for (const c of FORMAT_CLIENTS) {
    await withHome(async (h) => {
      const file = clientPath(h, c.client);
      await initAndPublish(h, c.client);
      for (const body of [await sampleText(c.fixture), ""]) {
        await put(file, enc.encode(BOM + BOM + body));
        for (
          const args of [["deploy-config", "--client", c.client], ["connect", c.client], [
            "import-config",
            "--client",
            c.client,
          ]]
        ) {
          await refused(
            h,
            c.client,
            file,
            args,
            "config_parse_error",
            `${c.client} ${JSON.stringify(body.slice(0, 9))}: ${args[0]}`,
          );
        }
      }
    });
  }
});

Deno.test("a backup an earlier version stored without its BOM still restores the exact bytes and verifies", () =>
  withHome(async (h) => {
    const file = clientPath(h, "cursor");
    await initAndPublish(h, "cursor");
    const orig = enc.encode(BOM + await sampleText("cursor.json"));
    await put(file, orig);
    const dep = await cli(h, ["deploy-config", "--client", "cursor", "--format", "json"]);
    assertEquals(dep.code, 0, dep.stdout);
    // What earlier versions wrote: the pre-image less its first three bytes, under the hash of all of them.
    await Deno.writeFile(dep.json.backup, orig.slice(3));
    await assertVerifies(h, "legacy backup");
    const r = await cli(h, [
      "rollback",
      "--client",
      "cursor",
      "--restore",
      dep.json.deployment_id,
      "--format",
      "json",
    ]);
    assertEquals(r.code, 0, r.stdout);
    assertEquals(await Deno.readFile(file), orig);
    // Any other damage is still caught.
    await Deno.writeFile(dep.json.backup, orig.slice(4));
    const v = await cli(h, ["verify", "--all", "--format", "json"]);
    assertEquals(v.json.error, "integrity_error", v.stdout);
  }));
