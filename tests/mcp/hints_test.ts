/** One hint, two doors: the CLI's wording rendered in MCP terms from the same specs (src/mcp/hints.ts). */
import { assert, assertEquals } from "../core/assert.ts";
import { renderError, renderResult, renderText } from "../../src/mcp/hints.ts";
import { AppError } from "../../src/core/errors.ts";
import { spec as addServer } from "../../src/ops/specs/add_server.ts";
import { spec as deploy } from "../../src/ops/specs/deploy_config.ts";
import { spec as verify } from "../../src/ops/specs/verify.ts";

Deno.test("a command line becomes a tool and its arguments, and a next step when MCP can take it", () => {
  const r = renderText(
    "Build a draft and publish it: mcp-orchestration publish-config --client cursor --profile work",
  );
  assertEquals(
    r.text,
    'Build a draft and publish it: publish_config {"client_id":"cursor","profile_id":"work"}',
  );
  assertEquals(r.next, [{ tool: "publish_config", arguments: { client_id: "cursor", profile_id: "work" } }]);
  // `--client x` of a command whose tool takes client_ids and client_id: the single one.
  const d = renderText("Deploy it: mcp-orchestration deploy-config --client cursor --profile default");
  assertEquals(d.next, [{
    tool: "deploy_config",
    arguments: { client_id: "cursor", profile_id: "default" },
  }]);
  // "run `mcp-orchestration init`": called, not run.
  assertEquals(
    renderText("No signing key: run `mcp-orchestration init` first").text,
    "No signing key: call initialize_keys first",
  );
});

Deno.test("positionals, quoted values, pairs; a step missing a required argument is no next", () => {
  const r = renderText("mcp-orchestration add-server github --client codex --env GITHUB_TOKEN=<token>");
  assertEquals(r.next, [{
    tool: "add_server_to_config",
    arguments: { server_id: "github", client_id: "codex", env_vars: { GITHUB_TOKEN: "<token>" } },
  }]);
  const h = renderText('give a token in a header (add-server --header "Authorization:Bearer ${TOKEN}")');
  assertEquals(
    h.text,
    'give a token in a header (add_server_to_config {"headers":{"Authorization":"Bearer ${TOKEN}"}})',
  );
  assertEquals(h.next, [], "no client_id nor server_id: not a step as it stands");
});

Deno.test("lone options: named as the current tool's arguments, with their values", () => {
  const cur = addServer as never;
  assertEquals(
    renderText("Server 'github' requires GH_TOKEN: give --env GH_TOKEN=VALUE", cur).text,
    `Server 'github' requires GH_TOKEN: give env_vars: {"GH_TOKEN":"VALUE"}`,
  );
  assertEquals(
    renderText("requires the parameter allowed_directory: give --param allowed_directory=VALUE", cur).text,
    `requires the parameter allowed_directory: give params: {"allowed_directory":"VALUE"}`,
  );
  assertEquals(
    renderText("already in the draft: use --replace or --name", cur).text,
    "already in the draft: use replace: true or server_name",
  );
  assertEquals(
    renderText("deploy with --secrets literal, or export it", deploy as never).text,
    'deploy with secrets: "literal", or export it',
  );
  // A command-line-only option says so, with no dashes.
  const f = renderText("publish-config --client c --file FILE moves literals");
  assert.ok(!f.text.includes("--"), f.text);
  assertEquals(f.next, []);
  // Bare mentions of commands are tool names; English words stay.
  assertEquals(
    renderText("rebuild it with add-server/remove-server; the status of the rollback").text,
    "rebuild it with add_server_to_config/remove_server_from_config; the status of the rollback",
  );
});

Deno.test("only prose is rendered: a server's entry, its args and a diff keep their text", () => {
  const value = {
    warnings: ["give --env X=VALUE"],
    entry: { command: "npx", args: ["mcp-remote", "--header", "A:${B}"] },
    diff: "- --header\n+ --url",
    recommendation: "Deploy it: mcp-orchestration deploy-config --client cursor --profile default",
  };
  const out = renderResult(value, addServer as never) as any;
  assertEquals(out.entry, value.entry);
  assertEquals(out.diff, value.diff);
  assertEquals(out.warnings, ['give env_vars: {"X":"VALUE"}']);
  assertEquals(out.next, [{
    tool: "deploy_config",
    arguments: { client_id: "cursor", profile_id: "default" },
  }]);
  // Nothing to render: the same object back (no copy).
  const plain = { a: 1 };
  assertEquals(renderResult(plain) === plain, true);
});

Deno.test("errors: message and details rendered, the steps in details.next, code kept", () => {
  const e = renderError(
    new AppError("key_not_found", "No signing key: run `mcp-orchestration init` first", { path: "/x" }),
  ) as AppError;
  assertEquals([e.code, e.message], ["key_not_found", "No signing key: call initialize_keys first"]);
  assertEquals(e.details, { path: "/x", next: [{ tool: "initialize_keys", arguments: {} }] });
});

Deno.test("prose around commands: a word after an option is no value unless it reads as one", () => {
  assertEquals(
    renderText("fix the file (rollback --restore puts back what a deploy replaced), then run again").text,
    "fix the file (rollback_deployment with restore_deployment_id puts back what a deploy replaced), then run again",
  );
  // One client of a repeatable option, for a tool that also takes one: client_id.
  assertEquals(
    renderText("Give --client ID (repeat it for several) or --all", deploy as never).text,
    'Give client_id: "ID" (repeat it for several) or all_clients: true',
  );
  // An option the current tool has over MCP, else the first tool that takes it over MCP.
  for (const cur of [verify, undefined]) {
    assertEquals(
      renderText(
        "Give an artifact id, or --client (and --profile) to verify the latest publish",
        cur as never,
      ).text,
      "Give an artifact id, or client_id (and profile_id) to verify the latest publish",
    );
  }
});
