/** logs: the text form of its result, and --follow (the command is declared by src/ops/specs/logs.ts). */
import { op } from "../../ops/specs/logs.ts";
import { call, type ResultOf } from "../../ops/spec.ts";
import type { ActionOf, TextOf } from "../from_spec.ts";
import { checkFormat, type GlobalOptions, stylesFor } from "../context.ts";
import { printError, printResult } from "../output.ts";
import type { Style } from "../style.ts";
import { printableText } from "../../core/printable.ts";

export { op };

type Result = ResultOf<typeof op>;

/** A file as shown beside its lines: its path inside the log folder. */
function shortName(r: Pick<Result, "folder">, path: string): string {
  const f = r.folder;
  return f && path.startsWith(f) && path.length > f.length ? path.slice(f.length + 1) : path;
}

function lineText(r: Pick<Result, "folder">, l: { file: string; text: string }, s: Style): string {
  // Printable already through printResult; --follow's lines come here directly.
  return `${s.dim(printableText(shortName(r, l.file)) + ":")} ${printableText(l.text)}`;
}

export const text: TextOf<typeof op> = (r, s) => {
  const head: string[] = [];
  const where = r.folder ? `${r.folder}${r.verified ? "" : " (place not verified)"}` : null;
  if (where) head.push(`${r.client_name} MCP logs: ${where}`);
  if (r.server !== null && r.folder) {
    head.push(
      r.server_match === "file"
        ? `server ${r.server}: its own log file(s)`
        : `server ${r.server}: the lines naming it (${r.client_name} writes no file per server)`,
    );
  }
  const body = r.lines.map((l) => lineText(r, l, s));
  const tail = [...(r.message ? [r.message] : []), ...r.warnings.map((w) => `warning: ${w}`)];
  if (r.note && r.folder && !r.message) tail.push(s.dim(`note: ${r.note}`));
  return [...head.map((h) => s.bold(h)), ...body, ...tail].join("\n");
};

/** Runs the op and prints it; with --follow, then every new line until the process is interrupted
 * (JSON: one `{file, text}` document per line after the first document). */
export const action: ActionOf<typeof op.spec> = async (input, { env, cmd }) => {
  const g = cmd.optsWithGlobals() as GlobalOptions;
  let format: "text" | "json" = "text";
  try {
    format = checkFormat(g.format);
    const style = stylesFor(env, format);
    const deps = await env.makeDeps(g.home);
    const r = await call(op, deps, input, { door: "cli" });
    printResult(env.io, format, r, text, style.out);
    env.exitCode = 0;
    if (!input.follow || r.folder === null) return; // not known, or no log file: nothing to follow
    if (format === "text") env.io.err(style.err.dim("following; Ctrl-C stops\n"));
    const m = await op.load();
    await m.follow(deps, input, r, {
      lines: (ls) =>
        env.io.out(
          ls.map((l) => format === "json" ? JSON.stringify(l) : lineText(r, l, style.out)).join("\n") + "\n",
        ),
      notice: (t) => format === "text" && env.io.err(style.err.dim(`${t}\n`)),
    });
  } catch (e) {
    env.exitCode = printError(env.io, format, e, stylesFor(env, format).err);
  }
};
