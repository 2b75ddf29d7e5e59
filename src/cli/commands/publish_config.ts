/** publish-config: the text form of its result (the command is declared by src/ops/specs/publish_config.ts). */
import { op } from "../../ops/specs/publish_config.ts";
import type { PublishResult } from "../../ops/publish_draft.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";
import { extractedLines } from "../kv.ts";

export { op };

export function publishText(r: PublishResult): string {
  return (r.status === "unchanged"
    ? "Unchanged: this payload is already the latest publish\n"
    : "Published\n") +
    fields([
      ["artifact id", r.artifact_id],
      ["client", r.client_id],
      ["profile", r.profile_id],
      ["version", r.version],
      ["servers", r.server_count],
      ["changelog", r.changelog || "(none)"],
      ["created at", r.created_at],
    ]);
}

export const text: TextOf<typeof op> = (r) =>
  publishText(r) +
  ("extracted" in r && r.extracted?.length ? `\n${extractedLines(r.extracted)}` : "") +
  ("warnings" in r ? r.warnings : []).map((w) => `\n  warning ${w.code}: ${w.message}`).join("");
