/**
 * A project folder given over MCP (`project_dir` of deploy_config, rollback_deployment,
 * import_client_config) or on the CLI (`--project-dir` of deploy-config, rollback, import-config,
 * connect) must exist, be a folder the user owns, not be the root, a system folder, the home folder or
 * a hidden folder (~/.ssh, ~/.aws, ...), be absolute over MCP, and lie inside the client's MCP roots
 * when it shared some. Each refusal is `path_not_allowed` before anything is read or written.
 *
 * Safety of this test itself: a case naming a real system folder ("/", "/etc", a symlink to "/etc")
 * runs with dry_run (deploy, rollback) or reads only (import): even if the guard were broken, nothing
 * would be written there; `connect` (which has no dry run) is only pointed at folders inside the temp
 * home. `/etc/.cursor` and `/.cursor` are checked absent before and after.
 */
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { assert, assertEquals } from "../core/assert.ts";
import { type TempHome, tempHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { filesUnder } from "../e2e/scenarios.ts";
import { createServer } from "../../src/mcp/server.ts";

const SYSTEM_TARGETS = ["/.cursor", "/etc/.cursor"];

async function exists(p: string): Promise<boolean> {
  return await Deno.lstat(p).then(() => true, () => false);
}

/** An MCP client over a fresh temp home; with `roots`, it declares the roots capability and lists them. */
async function withMcpRoots(
  roots: ((h: TempHome) => string[]) | null,
  fn: (call: (tool: string, args: Record<string, unknown>) => Promise<any>, h: TempHome) => Promise<void>,
) {
  const h = await tempHome();
  const server = createServer(h.deps());
  const [ct, st] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "t", version: "1" }, { capabilities: roots ? { roots: {} } : {} });
  if (roots) {
    client.setRequestHandler(
      ListRootsRequestSchema,
      () => ({ roots: roots(h).map((p) => ({ uri: `file://${p}` })) }),
    );
  }
  await server.connect(st);
  await client.connect(ct);
  const call = async (name: string, args: Record<string, unknown>) => {
    const r = (await client.callTool({ name, arguments: args })) as any;
    return r.isError ? { error: JSON.parse(r.content[0].text) } : { ok: r.structuredContent };
  };
  try {
    for (const t of SYSTEM_TARGETS) {
      assertEquals(await exists(t), false, `${t} exists before the test: cannot prove anything`);
    }
    assertEquals((await call("initialize_keys", {})).ok?.status, "created");
    assert.ok((await call("add_server_to_config", { client_id: "cursor", server_id: "memory" })).ok);
    assert.ok((await call("publish_config", { client_id: "cursor" })).ok);
    await fn(call, h);
    for (const t of SYSTEM_TARGETS) assertEquals(await exists(t), false, `${t} was created`);
  } finally {
    await client.close();
    await server.close();
    await h.cleanup();
  }
}

/** Calls of every MCP tool taking project_dir, writing nothing even when the guard fails. */
const SAFE_CALLS = (dir: unknown): [string, Record<string, unknown>][] => [
  ["deploy_config", { client_id: "cursor", scope: "project", project_dir: dir, dry_run: true }],
  ["rollback_deployment", { client_id: "cursor", scope: "project", project_dir: dir, dry_run: true }],
  ["import_client_config", { client_id: "cursor", profile_id: "imp", scope: "project", project_dir: dir }],
];

Deno.test("over MCP, system, hidden, home, missing, relative, foreign and symlinked project folders are refused before any write", () =>
  withMcpRoots(null, async (call, h) => {
    const u = h.userHome;
    for (const d of [".ssh", ".aws", ".gnupg", ".config", "file.txt"]) {
      if (d === "file.txt") await Deno.writeTextFile(join(u, d), "x");
      else await Deno.mkdir(join(u, d));
    }
    await Deno.symlink("/etc", join(u, "etc-link"));
    const cases: [unknown, RegExp][] = [
      ["/", /root of the file system/],
      ["/etc", /system folder/],
      ["/usr/local/share", /inside the system folder "\/usr"/],
      ["/var", /system folder/],
      ["~/.ssh", /"~" is not expanded/],
      [join(u, ".ssh"), /hidden folder ".ssh"/],
      [join(u, ".aws"), /hidden folder ".aws"/],
      [join(u, ".gnupg"), /hidden folder ".gnupg"/],
      [join(u, ".config", "x"), /hidden folder ".config"/],
      [h.home, /hidden folder ".mcp-orchestration"/],
      [u, /your home folder/],
      [join(u, "missing"), /does not exist/],
      [join(u, "file.txt"), /not a folder/],
      [join(u, "etc-link"), /real path "\/etc"/],
      ["relative/dir", /absolute path/],
      [undefined, /give project_dir/],
    ];
    if ((await Deno.stat(u)).uid === 0) {
      // A folder of another user (only root can make one here; the temp home is ours, so its owner is us).
      await Deno.mkdir(join(u, "theirs"));
      await Deno.chown(join(u, "theirs"), 65534, 65534);
      cases.push([join(u, "theirs"), /belongs to another user/]);
    } else console.log("SKIPPED: the foreign-owner case needs root (chown)");
    const before = await filesUnder(u);
    for (const [dir, why] of cases) {
      for (const [tool, args] of SAFE_CALLS(dir)) {
        const r = await call(tool, args);
        assertEquals(r.error?.error, "path_not_allowed", `${tool} ${dir}: ${JSON.stringify(r)}`);
        assert.match(r.error.message, why, `${tool} ${dir}`);
      }
      // Not a dry run: refused all the same (only for folders inside the temp home).
      if (typeof dir === "string" && dir.startsWith(u) && !dir.includes("etc-link")) {
        const r = await call("deploy_config", { client_id: "cursor", scope: "project", project_dir: dir });
        assertEquals(r.error?.error, "path_not_allowed", `${dir}: ${JSON.stringify(r)}`);
      }
    }
    assertEquals(await filesUnder(u), before, "something was written");
    assertEquals(await exists(join(u, "missing")), false);
    assertEquals(await exists(join(u, ".ssh", ".cursor")), false);
    // A folder of the user's own is fine.
    await Deno.mkdir(join(u, "work", "app"), { recursive: true });
    const ok = await call("deploy_config", {
      client_id: "cursor",
      scope: "project",
      project_dir: join(u, "work", "app"),
    });
    assertEquals(ok.ok?.status, "deployed", JSON.stringify(ok));
    assertEquals(await exists(join(u, "work", "app", ".cursor", "mcp.json")), true);
  }));

Deno.test("over MCP, a project folder must lie inside the roots the client shared", () =>
  withMcpRoots((h) => [join(h.userHome, "work")], async (call, h) => {
    const u = h.userHome;
    await Deno.mkdir(join(u, "work", "app"), { recursive: true });
    await Deno.mkdir(join(u, "other"));
    await Deno.symlink(join(u, "other"), join(u, "work", "sneaky"));
    for (const dir of [join(u, "other"), join(u, "work", "sneaky")]) {
      for (const [tool, args] of SAFE_CALLS(dir)) {
        const r = await call(tool, args);
        assertEquals(r.error?.error, "path_not_allowed", `${tool} ${dir}: ${JSON.stringify(r)}`);
        assert.match(r.error.message, /outside the folders the MCP client shared \(roots: .*work\)/);
      }
    }
    assertEquals(await exists(join(u, "other", ".cursor")), false);
    const ok = await call("deploy_config", {
      client_id: "cursor",
      scope: "project",
      project_dir: join(u, "work", "app"),
    });
    assertEquals(ok.ok?.status, "deployed", JSON.stringify(ok));
  }));

Deno.test("the CLI applies the same rule to --project-dir (deploy-config, rollback, import-config, connect)", async () => {
  const h = await tempHome();
  try {
    for (const t of SYSTEM_TARGETS) assertEquals(await exists(t), false);
    const u = h.userHome;
    await cli(h, ["init"]);
    await cli(h, ["add-server", "memory", "--client", "cursor"]);
    await cli(h, ["publish-config", "--client", "cursor"]);
    await Deno.mkdir(join(u, ".ssh"));
    const before = await filesUnder(u);
    const runs: [string[], RegExp][] = [
      [
        ["deploy-config", "--client", "cursor", "--scope", "project", "--project-dir", "/etc", "--dry-run"],
        /system folder/,
      ],
      [
        ["deploy-config", "--client", "cursor", "--scope", "project", "--project-dir", "/", "--dry-run"],
        /root of the file system/,
      ],
      [
        ["rollback", "--client", "cursor", "--scope", "project", "--project-dir", "/etc", "--dry-run"],
        /system folder/,
      ],
      [
        ["import-config", "--client", "cursor", "--scope", "project", "--project-dir", "/etc"],
        /system folder/,
      ],
      [
        ["deploy-config", "--client", "cursor", "--scope", "project", "--project-dir", join(u, ".ssh")],
        /hidden folder ".ssh"/,
      ],
      [["connect", "cursor", "--scope", "project", "--project-dir", join(u, ".ssh")], /hidden folder ".ssh"/],
      [["connect", "cursor", "--scope", "project", "--project-dir", join(u, "nope")], /does not exist/],
    ];
    for (const [args, why] of runs) {
      const r = await cli(h, [...args, "--format", "json"]);
      assertEquals([r.code, r.json?.error], [8, "path_not_allowed"], `${args.join(" ")}: ${r.stdout}`);
      assert.match(r.json.message, why);
    }
    assertEquals(await filesUnder(u), before, "something was written");
    for (const t of SYSTEM_TARGETS) assertEquals(await exists(t), false);
    // A relative --project-dir is still fine on the CLI (the user's current folder).
    await Deno.mkdir(join(u, "proj"));
    const r = await cli(h, [
      "deploy-config",
      "--client",
      "cursor",
      "--scope",
      "project",
      "--project-dir",
      join(u, "proj"),
      "--format",
      "json",
    ]);
    assertEquals(r.json.status, "deployed", r.stdout);
  } finally {
    await h.cleanup();
  }
});
