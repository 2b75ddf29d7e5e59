/** import-config names secrets predictably and shows the mapping (issue 14): the env variable's own name,
 * or `<SERVER>_<NAME>` when secrets.json holds another value under it; stable on a second import; and a
 * literal deploy of the imported file stays literal on the next plain deploy. */
import { assert, assertEquals } from "../core/assert.ts";
import { join } from "node:path";
import { withHome } from "../helpers/home.ts";
import { cli } from "../helpers/cli_inprocess.ts";
import { withMcp } from "../mcp/client.ts";
import { init } from "../../src/ops/init.ts";
import { readSecrets, setSecrets } from "../../src/store/secrets.ts";

const OLD = "BSAstoredValue000000000";
const NEW = "BSAfileValue1111111111";
const FILE = JSON.stringify(
  {
    mcpServers: {
      brave: { command: "npx", args: ["-y", "@brave/brave-search-mcp-server"], env: { BRAVE_API_KEY: NEW } },
    },
  },
  null,
  2,
);

Deno.test("import-config: a clashing secret is stored as <SERVER>_<NAME>, the mapping is shown, stable", () =>
  withHome(async (h) => {
    const d = h.deps();
    await init(d);
    await setSecrets(d, { BRAVE_API_KEY: OLD });
    const file = join(h.userHome, ".gemini", "settings.json");
    await Deno.mkdir(join(h.userHome, ".gemini"), { recursive: true });
    await Deno.writeTextFile(file, FILE);
    const t = await cli(h, ["import-config", "--client", "gemini-cli"]);
    assertEquals(t.code, 0, t.stderr);
    assert.match(
      t.stdout,
      /secret brave env\.BRAVE_API_KEY -> \$\{BRAVE_BRAVE_API_KEY\} \(value in secrets\.json; BRAVE_API_KEY already holds a different value\)/,
    );
    assert.ok(!t.stdout.includes(NEW) && !t.stdout.includes(OLD));
    assertEquals(await readSecrets(d), { BRAVE_API_KEY: OLD, BRAVE_BRAVE_API_KEY: NEW });
    // Again (--replace): the same name, no third one.
    const j = await cli(h, ["--format", "json", "import-config", "--client", "gemini-cli", "--replace"]);
    assertEquals(j.json.extracted, [{
      server: "brave",
      field: "env.BRAVE_API_KEY",
      variable: "BRAVE_BRAVE_API_KEY",
      instead_of: "BRAVE_API_KEY",
    }]);
    assertEquals(Object.keys(await readSecrets(d)).sort(), ["BRAVE_API_KEY", "BRAVE_BRAVE_API_KEY"]);
    // No clash: the variable's own name, no instead_of.
    const other = await cli(h, [
      "--format",
      "json",
      "import-config",
      "--client",
      "gemini-cli",
      "--profile",
      "p2",
    ]);
    assertEquals(other.json.extracted[0].variable, "BRAVE_BRAVE_API_KEY");
    await setSecrets(d, { BRAVE_API_KEY: NEW });
    const same = await cli(h, [
      "--format",
      "json",
      "import-config",
      "--client",
      "gemini-cli",
      "--profile",
      "p3",
    ]);
    assertEquals(same.json.extracted, [{
      server: "brave",
      field: "env.BRAVE_API_KEY",
      variable: "BRAVE_API_KEY",
    }]);

    // Publish, keep the value in the file with --secrets literal: the next plain deploy leaves it there.
    assertEquals((await cli(h, ["publish-config", "--client", "gemini-cli"])).code, 0);
    const lit = await cli(h, [
      "--format",
      "json",
      "deploy-config",
      "--client",
      "gemini-cli",
      "--secrets",
      "literal",
    ]);
    assertEquals(lit.code, 0, lit.stdout);
    const plain = await cli(h, ["--format", "json", "deploy-config", "--client", "gemini-cli"]);
    assertEquals([plain.code, plain.json.secrets_mode], [0, "literal"]);
    assertEquals(await Deno.readTextFile(file), FILE);
  }));

Deno.test("MCP import_client_config shows the same mapping (instead_of)", () =>
  withMcp(async (t) => {
    await init(t.deps);
    await setSecrets(t.deps, { BRAVE_API_KEY: OLD });
    await Deno.mkdir(join(t.home.userHome, ".gemini"), { recursive: true });
    await Deno.writeTextFile(join(t.home.userHome, ".gemini", "settings.json"), FILE);
    const r = await t.ok("import_client_config", { client_id: "gemini-cli" });
    assertEquals(r.extracted[0].variable, "BRAVE_BRAVE_API_KEY");
    assertEquals(r.extracted[0].instead_of, "BRAVE_API_KEY");
    assert.ok(!JSON.stringify(r).includes(NEW));
  }));
