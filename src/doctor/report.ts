/**
 * The text form of a doctor report: one line per server (a check mark, a cross or a dash, client/name,
 * transport, what it answered or why it failed), the evidence and the fix under a failure, then the
 * summary. The JSON form is the report itself.
 */
/** The colours a report uses (the CLI's Style has them); PLAIN leaves text as it is. */
export interface Paint {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}
const same = (s: string) => s;
const PLAIN: Paint = { green: same, red: same, yellow: same, dim: same };
import { exitCodeFor } from "../core/errors.ts";
import { escapeHidden } from "./pin.ts";
import { printable } from "../core/printable.ts";
import type { DoctorReport, ServerReport } from "./types.ts";

/** Exit code of a report: 0 when every checked server is ok and none changed since its pin, 9
 * (`check_failed`) otherwise. */
export function doctorExitCode(r: DoctorReport): number {
  return r.summary.failed > 0 || r.summary.changed > 0 ? exitCodeFor("check_failed") : 0;
}

/** A copy of a report with every string escaped for a terminal, line breaks too (one field is one
 * line): a server's name, stderr or error message cannot clear the screen or print a line of its own. */
const escaped = <T>(v: T): T => printable(v, true);

/** Lines of stderr shown under a failure in text (JSON carries the whole tail). */
const SHOWN_STDERR = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The one line of a server (also the progress line). */
export function serverLine(report: ServerReport, s: Paint = PLAIN): string {
  const r = escaped(report);
  const who = `${r.client}/${r.name} (${r.transport})`;
  if (r.status === "skipped") return `${s.dim("-")} ${who}: ${r.cause}: ${r.message}`;
  if (r.status === "failed") return `${s.red("✘")} ${who}: ${s.red(r.cause ?? "failed")}: ${r.message}`;
  const info = r.server_info ? `${r.server_info.name || "?"} ${r.server_info.version}`.trim() : "?";
  const counts = [
    r.tools !== null ? plural(r.tools, "tool") : null,
    r.prompts !== null ? plural(r.prompts, "prompt") : null,
    r.resources !== null ? plural(r.resources, "resource") : null,
  ].filter(Boolean).join(", ");
  return `${s.green("✔")} ${who}: ${info}, protocol ${r.protocol_version}${
    counts ? `, ${counts}` : ""
  }, ready in ${r.ready_ms} ms${pinWord(r, s)}`;
}

function pinWord(r: ServerReport, s: Paint): string {
  if (!r.pin) return "";
  if (r.pin.accepted) return r.pin.status === "same" ? ", pin unchanged" : `, ${s.green("pinned")}`;
  if (r.pin.status === "changed") return `, ${s.red("CHANGED since its pin")}`;
  return r.pin.status === "same" ? ", same as its pin" : ", not pinned";
}

/** One pin change as text. */
function changeLine(c: NonNullable<ServerReport["pin"]>["changes"][number]): string {
  const what = c.kind === "server" ? c.name : `${c.kind} "${escapeHidden(c.name)}"`;
  if (c.change !== "changed") return `${what} ${c.change}`;
  const field = c.field ? ` ${c.field}` : "";
  const fromTo = c.before !== undefined || c.after !== undefined
    ? `: ${JSON.stringify(escapeHidden(c.before ?? ""))} -> ${JSON.stringify(escapeHidden(c.after ?? ""))}`
    : "";
  return `${what}${field} changed${fromTo}`;
}

/** The whole report as text. */
export function reportText(r: DoctorReport, s: Paint = PLAIN): string {
  if (r.servers.length === 0) return "No servers to check (no client config file with servers was found)";
  const lines: string[] = [];
  for (const raw of r.servers) {
    lines.push(serverLine(raw, s));
    const x = escaped(raw);
    for (const w of x.warnings) lines.push(`    ${s.yellow("warning:")} ${w}`);
    if (x.pin?.status === "changed") {
      for (const c of x.pin.changes) {
        lines.push(`    ${x.pin.accepted ? "accepted" : s.red("changed")}: ${changeLine(c)}`);
      }
    }
    const tail = x.status === "failed" ? x.stderr_tail.slice(-SHOWN_STDERR) : [];
    if (tail.length) lines.push(`    stderr: ${tail[0]}`, ...tail.slice(1).map((l) => `            ${l}`));
    const vars = x.variables.map((v) => `${v.name} (${v.source})`);
    if (vars.length) lines.push(`    variables: ${vars.join(", ")}`);
    if (x.status === "failed" && x.hint) lines.push(`    fix: ${x.hint}`);
  }
  const { ok, failed, skipped, changed } = r.summary;
  lines.push(
    `${ok} ok, ${failed} failed, ${skipped} skipped${changed ? `, ${changed} changed since pinned` : ""}`,
  );
  if (changed) lines.push("Review the changes; `doctor --pin` accepts them.");
  return lines.join("\n");
}
