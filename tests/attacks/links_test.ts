/**
 * Links at a client config path, for a client of each format, through the CLI and the MCP server:
 * - a symlink to a file elsewhere in the home is followed: every command reads and writes the target,
 *   the link stays a link, backups and restores are byte-exact;
 * - a dangling symlink (or a loop of them, or a dangling link in the folders above) is refused with
 *   `unreadable_file` by every command, the link kept and its target not created;
 * - a hard link to a state file (secrets.json, the signing key, an artifact, a backup, the deployment
 *   log), directly or through a symlink, is refused with `path_not_allowed` by every command that reads
 *   or writes it: nothing read from it, nothing written, nothing logged;
 * - any other file with more than one hard link is read (status, import-config, diff-config) but not
 *   written: a write replaces the file, which would leave its other names with the old bytes.
 */
import { basename, dirname, join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { setSecrets } from "../../src/store/secrets.ts";
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

/** Every file under `dir` (names relative to it), sorted. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isDirectory) out.push(...(await listing(join(dir, e.name))).map((n) => `${e.name}/${n}`));
    else out.push(e.name);
  }
  return out.sort();
}

/** The command lines that read or write the client file. */
function commands(client: string, file: string, deploymentId: string): { args: string[]; writes: boolean }[] {
  return [
    { args: ["deploy-config", "--client", client, "--force"], writes: true },
    { args: ["connect", client], writes: true },
    { args: ["rollback", "--client", client], writes: true },
    { args: ["rollback", "--client", client, "--restore", deploymentId], writes: true },
    { args: ["import-config", "--client", client], writes: false },
    { args: ["diff-config", client, "--file", file], writes: false },
  ];
}

/** Deploys two artifacts to the client's file (so rollback and restore have something to do). */
async function twoDeploys(h: TempHome, client: string): Promise<string> {
  await initAndPublish(h, client);
  const first = await cli(h, ["deploy-config", "--client", client, "--format", "json"]);
  assertEquals(first.code, 0, first.stdout);
  await publishServers(h, client, {
    fresh: { command: "uvx", args: ["fresh-mcp"] },
    second: { command: "uvx", args: ["s"] },
  });
  const second = await cli(h, ["deploy-config", "--client", client, "--format", "json"]);
  assertEquals(second.code, 0, second.stdout);
  return second.json.deployment_id;
}

for (const c of FORMAT_CLIENTS) {
  Deno.test(`${c.client}: a symlinked config file is read and written through; the link stays, bytes round-trip`, () =>
    withHome(async (h) => {
      const link = clientPath(h, c.client);
      const target = join(h.userHome, "dotfiles", c.client, basename(link));
      const orig = enc.encode("\uFEFF" + (await sampleText(c.fixture)).replace(/\n/g, "\r\n"));
      await put(target, orig);
      await Deno.mkdir(dirname(link), { recursive: true });
      await Deno.symlink(target, link);
      await initAndPublish(h, c.client);
      const stillLinked = async (what: string) => {
        assert.ok((await Deno.lstat(link)).isSymlink, `${c.client} ${what}: the link was replaced`);
        assertEquals(await Deno.readLink(link), target, `${c.client} ${what}`);
        const strays = [...await listing(dirname(link)), ...await listing(dirname(target))].filter((n) =>
          n.includes("mcpo-tmp")
        );
        assertEquals(strays, [], `${c.client} ${what}: temp files left`);
      };
      const dep = await cli(h, ["deploy-config", "--client", c.client, "--format", "json"]);
      assertEquals(dep.code, 0, dep.stdout);
      await stillLinked("deploy");
      const deployed = await Deno.readFile(target);
      assert.ok(new TextDecoder().decode(deployed).includes("fresh-mcp"), "the target holds the deploy");
      assertEquals(basename(dep.json.backup), await sha256(orig));
      assertEquals(await Deno.readFile(dep.json.backup), orig);
      const st = await cli(h, ["status", "--client", c.client, "--format", "json"]);
      assertEquals(st.json.targets.map((t: { state: string }) => t.state), ["up-to-date"], st.stdout);
      const con = await cli(h, ["connect", c.client, "--format", "json"]);
      assertEquals(con.code, 0, con.stdout);
      await stillLinked("connect");
      await assertVerifies(h, c.client);
      for (
        const [id, want] of [[con.json.deployment_id, deployed], [dep.json.deployment_id, orig]] as const
      ) {
        const r = await cli(h, ["rollback", "--client", c.client, "--restore", id, "--format", "json"]);
        assertEquals(r.code, 0, r.stdout);
        await stillLinked("restore");
        assertEquals(await Deno.readFile(target), want, `${c.client}: restore through the link`);
      }
      const imp = await cli(h, ["import-config", "--client", c.client, "--format", "json"]);
      assertEquals([imp.code, imp.json.imported], [0, ["my-own"]], imp.stdout);
      await assertVerifies(h, c.client);
    }));
}

Deno.test("a dangling symlink, a loop of symlinks, or a dangling link above: refused (unreadable_file), the link kept, nothing created", async () => {
  for (const c of FORMAT_CLIENTS) {
    await withHome(async (h) => {
      const file = clientPath(h, c.client);
      const id = await twoDeploys(h, c.client);
      const count = await logged(h, c.client);
      const missing = join(h.userHome, "dotfiles", "gone", basename(file));
      const setups: [string, () => Promise<string>][] = [
        ["dangling link", async () => {
          await Deno.remove(file);
          await Deno.symlink(missing, file);
          return file;
        }],
        ["loop of links", async () => {
          await Deno.remove(file);
          await Deno.symlink(`${file}.other`, file);
          await Deno.symlink(file, `${file}.other`);
          return file;
        }],
        ["dangling folder link", async () => {
          const dir = dirname(file);
          await Deno.remove(dir, { recursive: true });
          await Deno.symlink(dirname(missing), dir);
          return dir;
        }],
      ];
      for (const [what, setup] of setups) {
        await Deno.remove(dirname(file), { recursive: true }).catch(() => {});
        await Deno.mkdir(dirname(file), { recursive: true });
        await Deno.writeTextFile(file, "placeholder");
        const linkAt = await setup();
        const pointsTo = await Deno.readLink(linkAt);
        for (const { args } of commands(c.client, file, id)) {
          const r = await cli(h, [...args, "--format", "json"]);
          assertEquals(
            r.json?.error,
            "unreadable_file",
            `${c.client} ${what}: ${args.join(" ")}: ${r.stdout}`,
          );
          assert.match(r.json.message, /link/, `${c.client} ${what}: the message does not say why`);
          assert.ok(
            (await Deno.lstat(linkAt)).isSymlink,
            `${c.client} ${what}: ${args[0]} replaced the link`,
          );
          assertEquals(await Deno.readLink(linkAt), pointsTo);
          await Deno.lstat(dirname(missing)).then(
            () => assert.fail(`${c.client} ${what}: ${args[0]} created the link's target`),
            () => {},
          );
        }
        const st = await cli(h, ["status", "--client", c.client, "--format", "json"]);
        assertEquals(st.json.targets[0].state, "unreadable", `${c.client} ${what}: ${st.stdout}`);
        assertEquals(await logged(h, c.client), count, `${c.client} ${what}: logged`);
      }
      await assertVerifies(h, c.client);
    });
  }
});

/** Every file of the state folder a client file could be hard-linked to. */
async function stateFiles(h: TempHome, client: string): Promise<string[]> {
  const files = (await listing(h.home)).filter((n) => !n.startsWith("locks/"));
  const want = [
    "secrets.json",
    "keys/signing.key",
    files.find((n) => n.startsWith("artifacts/")),
    files.find((n) => n.startsWith("backups/")),
    `deployments/${client}.jsonl`,
    files.find((n) => n.startsWith("drafts/")),
  ];
  assert.ok(want.every((n) => n && files.includes(n)), JSON.stringify(files));
  return want.map((n) => join(h.home, n!));
}

Deno.test("a client file hard-linked to a state file is refused (path_not_allowed) by every command, directly or through a symlink", async () => {
  for (const c of FORMAT_CLIENTS) {
    await withHome(async (h) => {
      const file = clientPath(h, c.client);
      const id = await twoDeploys(h, c.client);
      await setSecrets(h.deps(), { TOKEN: "tok-secret-0123456789" });
      assertEquals((await cli(h, ["import-config", "--client", c.client, "--profile", "other"])).code, 0);
      const count = await logged(h, c.client);
      const elsewhere = join(h.userHome, "elsewhere", basename(file));
      for (const state of await stateFiles(h, c.client)) {
        for (const via of ["hard link", "symlink to a hard link"]) {
          await Deno.remove(file);
          await Deno.remove(elsewhere).catch(() => {});
          if (via === "hard link") await Deno.link(state, file);
          else {
            await Deno.mkdir(dirname(elsewhere), { recursive: true });
            await Deno.link(state, elsewhere);
            await Deno.symlink(elsewhere, file);
          }
          const before = await Deno.readFile(state);
          const ino = (await Deno.stat(state)).ino;
          const what = `${c.client} ${via} to ${state.slice(h.home.length)}`;
          for (const { args } of commands(c.client, file, id)) {
            const r = await cli(h, [...args, "--format", "json"]);
            assertEquals(r.json?.error, "path_not_allowed", `${what}: ${args.join(" ")}: ${r.stdout}`);
            assert.ok(r.json.message.includes(state), `${what}: the message does not name the state file`);
            assert.ok(!r.stdout.includes("tok-secret-0123456789"), `${what}: a secret in the output`);
            assertEquals(await Deno.readFile(state), before, `${what}: ${args[0]} changed the state file`);
            assertEquals((await Deno.stat(file)).ino, ino, `${what}: ${args[0]} replaced the client file`);
          }
          const st = await cli(h, ["status", "--client", c.client, "--format", "json"]);
          assertEquals(st.json.targets[0].state, "unreadable", `${what}: status: ${st.stdout}`);
          assert.ok(st.json.targets[0].detail.includes(state), `${what}: status does not say why`);
          assertEquals(await logged(h, c.client), count, `${what}: logged`);
        }
      }
      await Deno.remove(file);
      await assertVerifies(h, c.client);
    });
  }
});

Deno.test("a client file with another hard link outside the state folder is read, never replaced", async () => {
  for (const c of FORMAT_CLIENTS) {
    await withHome(async (h) => {
      const file = clientPath(h, c.client);
      const id = await twoDeploys(h, c.client);
      // A newer artifact, so that a deploy has something to write.
      await publishServers(h, c.client, { third: { command: "uvx", args: ["third-mcp"] } });
      const other = join(h.userHome, "copy-of-" + basename(file));
      await Deno.link(file, other);
      const before = await Deno.readFile(file);
      const count = await logged(h, c.client);
      for (const { args, writes } of commands(c.client, file, id)) {
        const r = await cli(h, [...args, "--format", "json"]);
        if (writes) {
          assertEquals(r.json?.error, "path_not_allowed", `${c.client}: ${args.join(" ")}: ${r.stdout}`);
          assert.match(r.json.message, /hard link/);
        } else assertEquals(r.code, 0, `${c.client}: ${args.join(" ")}: ${r.stdout}`);
        assertEquals((await Deno.stat(file)).nlink, 2, `${c.client}: ${args[0]} split the hard link`);
        assertEquals(await Deno.readFile(other), before, `${c.client}: ${args[0]}`);
      }
      const dry = await cli(h, ["deploy-config", "--client", c.client, "--dry-run", "--format", "json"]);
      assertEquals(dry.code, 0, dry.stdout);
      const st = await cli(h, ["status", "--client", c.client, "--format", "json"]);
      assertEquals(st.json.targets[0].state, "outdated", st.stdout);
      assertEquals(await logged(h, c.client), count);
      await assertVerifies(h, c.client);
    });
  }
});

Deno.test("MCP: the same refusals through deploy_config, connect_client, rollback_deployment, import_client_config, status", () =>
  withMcp(async ({ ok, fail, deps, home }) => {
    await init(deps);
    await publish(deps, {
      client: "cursor",
      profile: "default",
      payload: { mcpServers: { fresh: { command: "uvx" } } },
    });
    const file = clientPath(home, "cursor");
    await put(file, enc.encode("{}\n"));
    const dep = await deploy(deps, { client: "cursor" });
    const calls: [string, Record<string, unknown>][] = [
      ["deploy_config", { client_id: "cursor", force: true }],
      ["connect_client", { client_id: "cursor" }],
      ["rollback_deployment", { client_id: "cursor", restore_deployment_id: dep.deployment_id }],
      ["import_client_config", { client_id: "cursor" }],
    ];
    const secrets = join(home.home, "secrets.json");
    await setSecrets(deps, { TOKEN: "tok-secret-0123456789" });
    const saved = await Deno.readFile(file);
    for (
      const [setup, code] of [["hard link to secrets.json", "path_not_allowed"], [
        "dangling link",
        "unreadable_file",
      ]]
    ) {
      await Deno.remove(file);
      if (code === "path_not_allowed") await Deno.link(secrets, file);
      else await Deno.symlink(join(home.userHome, "nowhere.json"), file);
      for (const [tool, args] of calls) {
        const doc = await fail(tool, args, code);
        assert.ok(!JSON.stringify(doc).includes("tok-secret"), `${tool} ${setup}: a secret in the result`);
      }
      const st = await ok("get_deployment_status", { client_id: "cursor" });
      assertEquals(st.targets[0].state, "unreadable", `${setup}: ${JSON.stringify(st)}`);
    }
    await Deno.remove(file);
    await Deno.writeFile(file, saved);
    assertEquals((await ok("verify_config", { all: true })).status, "verified");
  }));
