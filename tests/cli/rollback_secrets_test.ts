/**
 * rollback --secrets: the CLI takes the secrets mode the MCP tool always took (rollback_deployment
 * `secrets`); without it a rollback keeps the mode of the deployment it rolls back from.
 */
import { assert, assertEquals } from "../core/assert.ts";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { getClient } from "../../src/clients/registry.ts";

const TOKEN = "tok-rollback-0123456789";

Deno.test("rollback --secrets literal writes the stored value; a later rollback keeps that mode", () =>
  withHome(async (h) => {
    const run = async (...args: string[]) => {
      const r = await cli(h, [...args, "--format", "json"]);
      assertEquals(r.code, 0, `${args.join(" ")}: ${r.stdout}`);
      return r.json;
    };
    const file = getClient("claude-code").configPath("linux", h.env);
    await run("init");
    await run(
      "add-server",
      "api",
      "--client",
      "claude-code",
      "--command",
      "node",
      "--env",
      `API_TOKEN=${TOKEN}`,
    );
    await run("publish-config", "--client", "claude-code");
    await run("deploy-config", "--client", "claude-code");
    await run("add-server", "other", "--client", "claude-code", "--command", "node");
    await run("publish-config", "--client", "claude-code");
    await run("deploy-config", "--client", "claude-code");
    assert.ok(!(await Deno.readTextFile(file)).includes(TOKEN), "a reference deploy wrote the value");

    const back = await run("rollback", "--client", "claude-code", "--secrets", "literal");
    assertEquals(back.status, "deployed");
    assert.ok((await Deno.readTextFile(file)).includes(TOKEN), "--secrets literal did not write the value");
    assertEquals((await run("history", "--deployment", back.deployment_id)).secrets, "literal");

    const again = await run("rollback", "--client", "claude-code");
    assertEquals((await run("history", "--deployment", again.deployment_id)).secrets, "literal");

    const bad = await cli(h, [
      "rollback",
      "--client",
      "claude-code",
      "--secrets",
      "plain",
      "--format",
      "json",
    ]);
    assertEquals([bad.code, bad.json.error], [2, "invalid_input"]);
  }));

Deno.test("rollback --restore ID --dry-run checks everything, shows the change and writes nothing", () =>
  withHome(async (h) => {
    const run = async (...args: string[]) => {
      const r = await cli(h, [...args, "--format", "json"]);
      assertEquals(r.code, 0, `${args.join(" ")}: ${r.stdout}`);
      return r.json;
    };
    const file = getClient("claude-code").configPath("linux", h.env);
    await Deno.mkdir(file.replace(/\/[^/]+$/, ""), { recursive: true });
    const mine = '{\n  // mine\n  "mcpServers": {}\n}\n';
    await Deno.writeTextFile(file, mine);
    await run("init");
    await run(
      "add-server",
      "api",
      "--client",
      "claude-code",
      "--command",
      "node",
      "--env",
      `API_TOKEN=${TOKEN}`,
    );
    await run("publish-config", "--client", "claude-code");
    const dep = await run("deploy-config", "--client", "claude-code", "--secrets", "literal");
    const deployed = await Deno.readTextFile(file);
    const before = (await run("history", "--client", "claude-code")).total;

    const dry = await run("rollback", "--client", "claude-code", "--restore", dep.deployment_id, "--dry-run");
    assertEquals([dry.status, dry.deployment_id, dry.restored_from], ["dry_run", null, dep.deployment_id]);
    assertEquals(await Deno.readTextFile(file), deployed, "a dry run changed the file");
    assertEquals(
      (await run("history", "--client", "claude-code")).total,
      before,
      "a dry run logged a restore",
    );
    assert.match(dry.diff, /^-\s+"api"/m);
    assert.ok(!dry.diff.includes(TOKEN), "the diff shows the secret value");
    const text = await cli(h, [
      "rollback",
      "--client",
      "claude-code",
      "--restore",
      dep.deployment_id,
      "--dry-run",
    ]);
    assertEquals(text.code, 0);
    assert.match(text.stdout, /Dry run: nothing written/);
    assert.ok(!text.stdout.includes(TOKEN));
    assertEquals(await Deno.readTextFile(file), deployed);

    const real = await run("rollback", "--client", "claude-code", "--restore", dep.deployment_id);
    assertEquals(real.status, "restored");
    assertEquals(await Deno.readTextFile(file), mine);
  }));
