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
const bold = (s: string) => (Deno.stdout.isTerminal() && !Deno.env.get("NO_COLOR") ? `\x1b[1m${s}\x1b[0m` : s);

async function step(title: string, args: string[], expectCode = 0): Promise<string> {
  console.log(`\n${bold(`# ${title}`)}\n$ mcp-orchestration ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
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
  await step("Create the signing key", ["init"]);
  const file = join(home, "servers.json");
  await Deno.writeTextFile(
    file,
    JSON.stringify(
      {
        mcpServers: {
          filesystem: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", join(home, "projects")] },
          memory: { command: "npx", args: ["-y", "@modelcontextprotocol/server-memory"] },
        },
      },
      null,
      2,
    ),
  );
  await step("Publish a configuration from a file", ["publish-config", "--client", "claude-desktop", "--file", file, "--changelog", "First configuration"]);
  await step("Read it back", ["get-config", "claude-desktop", "default"]);
  await step("Verify hash, signature and signed index", ["verify", "--client", "claude-desktop"]);
  await step("Profiles of the client", ["list-profiles", "claude-desktop"]);
  console.log(`\n${bold("Demo finished.")} Nothing outside ${home} was touched; it is removed now.`);
} finally {
  await Deno.remove(home, { recursive: true });
}
