/**
 * `deno task compile [--target T]...`: builds dist/mcp-orchestration-<target> for the five release
 * targets with the permission flags of permissions.ts (the registry is embedded through its JSON
 * imports). The first compile per target downloads Deno's runtime base (denort); set DENORT_BIN to a
 * local denort, or warm DENO_DIR, to build offline.
 */
import { RUN_FLAGS, TARGETS } from "./permissions.ts";

const wanted: string[] = [];
for (let i = 0; i < Deno.args.length; i++) {
  if (Deno.args[i] === "--target") wanted.push(Deno.args[++i]);
}
const targets = wanted.length ? wanted : TARGETS;
for (const t of targets) {
  if (!TARGETS.includes(t)) {
    console.error(`unknown target ${t}; known: ${TARGETS.join(", ")}`);
    Deno.exit(2);
  }
}
const root = new URL("..", import.meta.url).pathname;
let failed = 0;
for (const target of targets) {
  const output = `${root}dist/mcp-orchestration-${target}${target.includes("windows") ? ".exe" : ""}`;
  const args = ["compile", ...RUN_FLAGS, "--target", target, "--output", output, `${root}main.ts`];
  console.error(`$ deno ${args.join(" ")}`);
  const { code } = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "inherit" }).output();
  if (code !== 0) failed++;
}
Deno.exit(failed ? 1 : 0);
