/**
 * `deno task demo`: the whole workflow in a throw-away home folder, printing each step. It runs the
 * CLI under the compiled binary's permission flags, with HOME pointed at a temp folder, so no real
 * configuration is touched.
 */
import { join } from "node:path";
import { RUN_FLAGS } from "./permissions.ts";
import { realDenoDir } from "./deno_dir.ts";

const main = new URL("../main.ts", import.meta.url).pathname;
const home = await Deno.makeTempDir({ prefix: "mcpo-demo-" });
const denoDir = await realDenoDir();
const DEMO_TOKEN = "ghp_demoToken0123456789";

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* walk(p);
    else if (e.isFile) yield p;
  }
}

const bold = (
  s: string,
) => (Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR") ? `\x1b[1m${s}\x1b[0m` : s);

async function step(title: string, args: string[], expectCode = 0): Promise<string> {
  console.log(
    `\n${bold(`# ${title}`)}\n$ mcp-orchestration ${
      args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")
    }`,
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...RUN_FLAGS, main, ...args],
    env: { HOME: home, DENO_DIR: denoDir, XDG_CONFIG_HOME: join(home, ".config"), NO_COLOR: "1" },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  console.log(text.trimEnd());
  if (out.code !== expectCode) {
    console.error(`demo step failed: exit ${out.code}, expected ${expectCode}`);
    Deno.exit(1);
  }
  return text;
}

try {
  console.log(`Demo home (temporary): ${home}`);
  const claudeFile = join(home, ".config", "Claude", "claude_desktop_config.json");
  await Deno.mkdir(join(home, ".config", "Claude"), { recursive: true });
  await Deno.writeTextFile(
    claudeFile,
    JSON.stringify(
      {
        globalShortcut: "Ctrl+Space",
        mcpServers: { "my-notes": { command: "node", args: ["/opt/notes/server.js"] } },
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`A sandboxed Claude Desktop config with one hand-made server: ${claudeFile}`);
  await step("Create the signing key", ["init"]);
  await step("Find servers in the registry", ["list-servers", "--search", "git"]);
  await step("Look at one", ["describe-server", "filesystem", "--client", "claude-desktop"]);
  await step("Add the filesystem server to the draft", [
    "add-server",
    "filesystem",
    "--client",
    "claude-desktop",
    "--param",
    `allowed_directory=${join(home, "projects")}`,
  ]);
  await step("Add the memory server", ["add-server", "memory", "--client", "claude-desktop"]);
  await step("Add the GitHub server (no token yet)", ["add-server", "github", "--client", "claude-desktop"]);
  await step("Validate: the token is missing", ["validate-config", "--client", "claude-desktop"], 4);
  await step("Give the token: it goes to secrets.json, the draft keeps a reference", [
    "add-server",
    "github",
    "--client",
    "claude-desktop",
    "--env",
    `GITHUB_PERSONAL_ACCESS_TOKEN=${DEMO_TOKEN}`,
    "--replace",
  ]);
  await step("Validate again", ["validate-config", "--client", "claude-desktop"]);
  await step("The draft (kept on disk between commands)", ["view-draft", "--client", "claude-desktop"]);
  await step("Publish a signed artifact", [
    "publish-config",
    "--client",
    "claude-desktop",
    "--changelog",
    "Filesystem, memory and GitHub",
  ]);
  await step("Verify it", ["verify", "--client", "claude-desktop"]);
  await step("See what a deploy would change", ["deploy-config", "--client", "claude-desktop", "--dry-run"]);
  await step("Deploy into the sandboxed Claude Desktop file", [
    "deploy-config",
    "--client",
    "claude-desktop",
  ]);
  await step("Status", ["status", "--client", "claude-desktop"]);
  await step("Drop memory, publish v2 and deploy it", [
    "remove-server",
    "memory",
    "--client",
    "claude-desktop",
  ]);
  await step("Publish v2", ["publish-config", "--client", "claude-desktop", "--changelog", "Without memory"]);
  await step("Deploy v2", ["deploy-config", "--client", "claude-desktop"]);
  await step("History", ["history", "--client", "claude-desktop"]);
  await step("Roll back to v1", ["rollback", "--client", "claude-desktop"]);
  await step("Status after the rollback", ["status", "--client", "claude-desktop"]);
  const file = await Deno.readTextFile(claudeFile);
  console.log(`\n${bold("# The Claude Desktop file now")}\n${file.replaceAll(DEMO_TOKEN, "***")}`);
  const holders: string[] = [];
  for await (const f of walk(home)) {
    if ((await Deno.readTextFile(f).catch(() => "")).includes(DEMO_TOKEN)) holders.push(f);
  }
  console.log(
    `The token is stored only in: ${holders.map((f) => f.slice(home.length + 1)).sort().join(", ")}`,
  );
  console.log(
    "(Claude Desktop has no secret-reference syntax, so its file holds the value, with mode 0600.)",
  );
  console.log(`\n${bold("Demo finished.")} Nothing outside ${home} was touched; it is removed now.`);
} finally {
  await Deno.remove(home, { recursive: true });
}
