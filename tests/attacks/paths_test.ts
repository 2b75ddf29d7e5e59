/**
 * Path attacks: traversal in every name and id the CLI takes (client, profile, server, artifact,
 * deployment, registry id, secret name, --home), a client config file that is a symlink to a file
 * outside the allowed places (or into the state folder), a config folder that is such a symlink, a
 * world-writable state folder: each is refused with a structured error, and nothing is written
 * outside the state folder, nor followed. A state folder right under a shared folder like /tmp is
 * judged by itself (not by /tmp); a shared or system folder is never advised a chmod, never narrowed by
 * init, and a system folder (/usr/local, /var, /) is never a state folder.
 */
import { join } from "node:path";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { filesUnder } from "../e2e/scenarios.ts";
import { deploy } from "../../src/ops/deploy.ts";
import { init } from "../../src/ops/init.ts";
import { publish } from "../../src/deploy/publish.ts";
import { SAMPLE_PAYLOAD } from "../helpers/home.ts";
import { assertRejectsCode } from "../core/assert.ts";
import { setSecrets } from "../../src/store/secrets.ts";
import { FolderGuard } from "../../src/platform/folder_guard.ts";
import type { FileSystem } from "../../src/platform/fs.ts";

const HOSTILE = [
  "../x",
  "..",
  ".",
  "a/../../b",
  "/etc/passwd",
  "..\\x",
  "a\0b",
  "%2e%2e%2fx",
  "~/x",
  "a/b",
  " ",
  "x\ny",
  "-rf",
];

/** Every command line that carries a name or id, with `v` in that place. */
function commandsWith(v: string, outside: string, serverJson: string): string[][] {
  return [
    ["registry", "import", serverJson],
    ["add-server", "memory", "--client", v],
    ["add-server", "memory", "--profile", v],
    ["add-server", v, "--command", "x"],
    ["add-server", "memory", "--name", v],
    ["add-server", "x", "--command", "x", "--env", `${v}=1`],
    ["view-draft", "--client", "cursor", "--profile", v],
    ["publish-config", "--client", v],
    ["publish-config", "--client", "cursor", "--profile", v],
    ["get-config", v],
    ["get-config", "cursor", v],
    ["get-config", "cursor", "default", "--artifact-id", v],
    ["verify", v],
    ["deploy-config", "--client", "cursor", "--profile", v],
    ["deploy-config", "--client", "cursor", "--artifact-id", v],
    ["rollback", "--client", "cursor", "--to", v],
    ["rollback", "--client", "cursor", "--restore", v],
    ["history", "--client", v],
    ["list-profiles", v],
    ["describe-server", v],
    ["diff-config", "cursor", v],
    ["status", "--client", "cursor", "--profile", v],
    // A named file or state folder may be anywhere the user says, but never through "..".
    ...(v.includes("..") || v.includes("\0")
      ? [["deploy-config", "--client", "cursor", "--config-path", `${outside}/${v}`], [
        "--home",
        `${outside}/${v}`,
        "init",
      ]]
      : []),
  ];
}

async function snapshot(dir: string): Promise<string[]> {
  return (await filesUnder(dir)).map((f) => f.slice(dir.length));
}

Deno.test("traversal in every name and id: a structured refusal, nothing written outside the state folder", () =>
  withHome(async (h) => {
    const outside = await Deno.makeTempDir({ prefix: "mcpo-outside-" });
    try {
      assertEquals((await cli(h, ["init"])).code, 0);
      await Deno.writeTextFile(join(h.userHome, "f.json"), JSON.stringify(SAMPLE_PAYLOAD));
      assertEquals(
        (await cli(h, ["publish-config", "--client", "cursor", "--file", join(h.userHome, "f.json")])).code,
        0,
      );
      const before = await snapshot(h.userHome);
      let refused = 0;
      const serverJson = join(h.userHome, "server.json");
      for (const v of HOSTILE) {
        // A server.json whose name and catalogue id carry the value (the id names the file it is saved as).
        await Deno.writeTextFile(
          serverJson,
          JSON.stringify({
            name: `io.example/${v}`,
            description: "x",
            version: "1.0.0",
            packages: [{ registryType: "npm", identifier: "x", transport: { type: "stdio" } }],
            _meta: { "io.github.mcp-orchestration/catalog": { id: v } },
          }),
        );
        for (const args of commandsWith(v, outside, serverJson)) {
          const r = await cli(h, [...args, "--format", "json"]);
          assert.ok(
            r.json && typeof r.json === "object",
            `${JSON.stringify(args)}: not one JSON document: ${r.stdout}`,
          );
          if (r.code !== 0) {
            refused++;
            assert.ok(
              typeof r.json.error === "string" && typeof r.json.message === "string",
              JSON.stringify(args),
            );
            assert.ok(
              !["internal_error", "io_error"].includes(r.json.error),
              `${JSON.stringify(args)}: ${r.stdout}`,
            );
          }
        }
      }
      assert.ok(refused > HOSTILE.length * 15, `only ${refused} refusals`);
      assertEquals(await snapshot(outside), [], "something was written outside");
      const after = (await snapshot(h.userHome)).filter((f) => !before.includes(f) && f !== "/server.json");
      for (const f of after) {
        assert.ok(f.startsWith("/.mcp-orchestration/"), `written outside the state folder: ${f}`);
      }
    } finally {
      await Deno.remove(outside, { recursive: true });
    }
  }));

async function symlinkCase(h: TempHome, link: (cursorDir: string, target: string) => Promise<void>) {
  const d = h.deps();
  await init(d);
  await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
  const outside = await Deno.makeTempDir({ prefix: "mcpo-outside-" });
  try {
    await Deno.writeTextFile(join(outside, "mcp.json"), "{}\n");
    await link(join(h.userHome, ".cursor"), outside);
    await assertRejectsCode(() => deploy(d, { client: "cursor" }), "path_not_allowed");
    const r = await cli(h, ["deploy-config", "--client", "cursor", "--format", "json"]);
    assertEquals([r.code, r.json.error], [8, "path_not_allowed"]);
    assertEquals(await Deno.readTextFile(join(outside, "mcp.json")), "{}\n", "the link was followed");
    assertEquals((await Deno.readDir(outside)[Symbol.asyncIterator]().next()).value?.name, "mcp.json");
  } finally {
    await Deno.remove(outside, { recursive: true });
  }
}

Deno.test("a client config file that is a symlink to a file outside the allowed places is refused, not followed", () =>
  withHome((h) =>
    symlinkCase(h, async (dir, target) => {
      await Deno.mkdir(dir);
      await Deno.symlink(join(target, "mcp.json"), join(dir, "mcp.json"));
    })
  ));

Deno.test("a client config folder that is a symlink to a folder outside the allowed places is refused", () =>
  withHome((h) => symlinkCase(h, (dir, target) => Deno.symlink(target, dir))));

Deno.test("a client config file that resolves into the state folder is refused (it would overwrite our records)", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await setSecrets(d, { TOKEN: "tok-0123456789" });
    const r = await publish(d, { client: "cursor", profile: "default", payload: SAMPLE_PAYLOAD });
    await Deno.mkdir(join(h.userHome, ".cursor"));
    for (const target of ["secrets.json", `artifacts/${r.artifact_id}.json`, "index/cursor/default.json"]) {
      await Deno.remove(join(h.userHome, ".cursor", "mcp.json")).catch(() => {});
      await Deno.symlink(join(h.home, target), join(h.userHome, ".cursor", "mcp.json"));
      const before = await Deno.readFile(join(h.home, target)).catch(() => null);
      await assertRejectsCode(() => deploy(d, { client: "cursor" }), "path_not_allowed");
      assertEquals(await Deno.readFile(join(h.home, target)).catch(() => null), before, target);
    }
  }));

Deno.test("a world-writable state folder is refused by every command (exit 8, the fix in the message)", () =>
  withHome(async (h) => {
    assertEquals((await cli(h, ["init"])).code, 0);
    await Deno.chmod(h.home, 0o777);
    for (
      const args of [["status"], ["list-profiles", "cursor"], ["add-server", "memory"], ["verify", "--all"], [
        "init",
      ]]
    ) {
      const r = await cli(h, [...args, "--format", "json"]);
      assertEquals([r.code, r.json?.error], [8, "path_not_allowed"], `${args.join(" ")}: ${r.stdout}`);
      assert.match(r.json.message, /writable by every user .* chmod o-w/);
    }
    await Deno.chmod(h.home, 0o700);
  }));

Deno.test("--home right under a shared folder like /tmp: the state folder itself is checked, never /tmp; /tmp itself is never to be chmod-ed", async () => {
  // A stand-in for /tmp: world-writable with the sticky bit, so nothing is written in the real /tmp.
  const shared = await Deno.realPath(await Deno.makeTempDir({ prefix: "mcpo-shared-" }));
  await Deno.chmod(shared, 0o1777);
  try {
    await withHome(async (h) => {
      const state = join(shared, "state");
      const r = await cli(h, ["--home", state, "init", "--format", "json"]);
      assertEquals(r.code, 0, r.stdout);
      assertEquals(r.json.home, state);
      assertEquals((await cli(h, ["--home", state, "verify", "--all", "--format", "json"])).code, 0);
      // The shared folder as the state folder: refused, naming it, and no chmod advice for it.
      const own = await cli(h, ["--home", shared, "init", "--format", "json"]);
      assertEquals(
        [own.code, own.json.error, own.json.details.path],
        [8, "path_not_allowed", shared],
        own.stdout,
      );
      assert.doesNotMatch(own.stdout, /chmod/);
      assert.match(own.json.message, /shared system folder .*choose a state folder of your own/);
      assertEquals((await Array.fromAsync(Deno.readDir(shared))).map((e) => e.name), ["state"]);
      // A group-shared folder (sticky, group-writable) as the state folder: verify --all warns, no chmod.
      const group = join(shared, "group");
      await Deno.mkdir(group);
      await Deno.chmod(group, 0o1770);
      assertEquals((await cli(h, ["--home", group, "init"])).code, 0);
      const v = await cli(h, ["--home", group, "verify", "--all", "--format", "json"]);
      const w = v.json.warnings.find((x: { path: string }) => x.path === group);
      assert.match(w?.message ?? "", /writable by its group .*choose a state folder of your own/, v.stdout);
      assert.doesNotMatch(w.message, /chmod/);
    });
  } finally {
    await Deno.remove(shared, { recursive: true });
  }
});

Deno.test("a system folder (/usr/local, /var, /) is never a state folder: refused before any file-system call", async () => {
  // A file system that records calls and touches nothing, so a broken guard cannot write to /usr/local.
  const calls: string[] = [];
  const fake = new Proxy({}, {
    get: (_t, op) => (p: string) => {
      calls.push(`${String(op)} ${p}`);
      return Promise.resolve(
        op === "stat"
          ? { isDirectory: true, isFile: false, isSymlink: false, mode: 0o755, size: 0, mtimeMs: 0 }
          : null,
      );
    },
  }) as FileSystem;
  for (const root of ["/usr/local", "/var", "/", "/etc"]) {
    const e = await new FolderGuard(fake).check(root, join(root, "keys", "signing.key")).then(
      () => null,
      (x) => x,
    );
    assertEquals([e?.code, e?.details?.path], ["path_not_allowed", root], root);
    assert.match(e.message, /system folder: refusing to use it; choose a state folder of your own/);
  }
  assertEquals(calls, []);
});
