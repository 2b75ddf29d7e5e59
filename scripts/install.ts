/**
 * `deno task install [--root DIR]`: installs `mcp-orchestration` on PATH from this clone with `deno install
 * -g` and exactly the compiled binary's permission flags (permissions.ts), after caching every module it
 * can load (those main.ts loads by URL included, and their npm packages), so that the command works from
 * any folder and offline. `--root DIR` (or DENO_INSTALL_ROOT) installs into DIR/bin instead of ~/.deno/bin.
 */
import { RUN_FLAGS } from "./permissions.ts";
import { lazyModules } from "./compile.ts";

const ROOT = new URL("..", import.meta.url).pathname;
export const NAME = "mcp-orchestration";

/** The `deno cache` arguments: the whole program, lazily loaded modules included. */
export function cacheArgs(root = ROOT): string[] {
  return ["cache", "--quiet", "--config", `${root}deno.json`, `${root}main.ts`, ...lazyModules(root)];
}

/** The `deno install` arguments (`installRoot`: where bin/ goes; default DENO_INSTALL_ROOT or ~/.deno). */
export function installArgs(installRoot?: string, root = ROOT): string[] {
  return [
    "install",
    "--global",
    "--force",
    "--quiet",
    "--name",
    NAME,
    "--config",
    `${root}deno.json`,
    ...(installRoot ? ["--root", installRoot] : []),
    ...RUN_FLAGS,
    `${root}main.ts`,
  ];
}

if (import.meta.main) {
  let installRoot: string | undefined;
  for (let i = 0; i < Deno.args.length; i++) {
    if (Deno.args[i] === "--root" && i + 1 < Deno.args.length) installRoot = Deno.args[++i];
    else {
      console.error(`unknown argument ${Deno.args[i]}; use --root DIR`);
      Deno.exit(2);
    }
  }
  for (const args of [cacheArgs(), installArgs(installRoot)]) {
    const { code } = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "inherit" })
      .output();
    if (code !== 0) Deno.exit(code);
  }
  const bin = installRoot ?? Deno.env.get("DENO_INSTALL_ROOT") ?? "~/.deno";
  console.log(`Installed ${NAME} into ${bin}/bin: run \`${NAME} --help\` from any folder`);
}
