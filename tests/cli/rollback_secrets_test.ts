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
