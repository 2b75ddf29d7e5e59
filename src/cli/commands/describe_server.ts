/** describe-server: the text form of its result (the command is declared by src/ops/specs/describe_server.ts). */
import { op } from "../../ops/specs/describe_server.ts";
import type { TextOf } from "../from_spec.ts";
import { fields } from "../output.ts";

export { op };

export const text: TextOf<typeof op> = (r) => {
  const lines = [
    fields([
      ["id", r.id],
      ["name", r.name],
      ["title", r.title],
      ["description", r.description],
      ["version", r.version],
      ["tags", r.tags.join(", ") || "-"],
      ["transports", r.transports.join(", ")],
      [
        "deprecated",
        r.deprecation
          ? r.deprecation.reason + (r.deprecation.successor ? ` (use ${r.deprecation.successor})` : "")
          : undefined,
      ],
    ]),
  ];
  for (const o of r.options) {
    lines.push(`\n${o.transport} (${o.kind}): ${o.target}\n  install: ${o.installHint}`);
    for (const i of o.inputs) {
      const flags = [
        i.kind,
        i.isRequired ? "required" : "optional",
        i.isSecret ? "secret" : "",
        i.default !== undefined ? `default ${i.default}` : "",
      ]
        .filter(Boolean).join(", ");
      lines.push(`  ${i.name} (${flags})${i.description ? `: ${i.description}` : ""}`);
    }
  }
  lines.push(
    `\nUsage with ${r.usage_example.client_id}:\n  ${r.usage_example.command}\n${
      JSON.stringify(r.usage_example.snippet, null, 2)
    }`,
  );
  return lines.join("\n");
};
