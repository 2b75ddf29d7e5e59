/**
 * Builds a ClientRecord from data: display facts, a per-OS path spec, an optional project file and the
 * entry shape. A record file is then a single `defineClient({...})` call.
 *
 * @example A record file (src/clients/records/cursor.ts)
 * ```ts
 * import { defineClient } from "./define.ts";
 * import { at } from "./paths.ts";
 * export default defineClient({
 *   id: "cursor",
 *   displayName: "Cursor",
 *   format: "json",
 *   paths: { all: at.home(".cursor", "mcp.json") },
 *   project: [".cursor", "mcp.json"],
 *   servers: { path: ["mcpServers"], shape: "map" },
 *   restartHint: "Open Cursor Settings > MCP and refresh the server list (or restart Cursor).",
 *   shape: { secretSyntax: "env-colon", remote: "native" },
 * });
 * ```
 */
import { type PathSpec, projectFile, resolvePath } from "./paths.ts";
import { type EntryShape, shapeCodec } from "./render.ts";
import { nameProblem, type ServerNameRule } from "./server_names.ts";
import type { ClientRecord, DisabledSwitch, Format, MergedFiles, ServersLocation } from "./types.ts";
import type { NeutralEntry } from "../core/neutral.ts";
import { type LaunchRules, launchRules } from "./launch.ts";
import type { LogSpec } from "./logs.ts";

export interface ClientData {
  id: string;
  displayName: string;
  deprecated?: string;
  format: Format;
  paths: PathSpec;
  /** Project file relative to the project folder, as path segments. */
  project?: string[];
  servers: ServersLocation;
  restartHint: string;
  shape: EntryShape;
  /** How the client starts a local server (doctor); the defaults of launch.ts where not given. */
  launch?: Partial<LaunchRules>;
  /** Server names this client's reader refuses (found with the real client); `__proto__` always. */
  names?: ServerNameRule;
  /** The other files the client merges with this one, and which wins a name in both (shadowing.ts). */
  merged?: MergedFiles;
  /** Where the client writes its MCP logs (logs.ts). */
  logs?: LogSpec;
  /** How the client keeps a server in its file switched off; none when not given (then a disabled
   * server is left out of the file). */
  disabled?: DisabledSwitch;
  /** The smallest file the client accepts, that a deploy creating the file starts from (see
   * ClientRecord.newFile), in the client's format; checked with the real client where it runs. */
  newFile?: string;
  /** Where the path and format facts come from (docs, the real client's own writes). */
  source?: string;
}

const NO_SWITCH: DisabledSwitch = {
  kind: "none",
  source: "none known (no per-server switch documented for this file)",
};

/**
 * The shape's render/parse with a draft's `disabled: true` taken out of the neutral entry and written
 * as the client's own switch (a field), or not at all (a list is written by the deploy engine; with no
 * switch the engine leaves the server out); parse reads that field back as `disabled: true`.
 */
function withSwitch(sw: DisabledSwitch, codec: ReturnType<typeof shapeCodec>): ReturnType<typeof shapeCodec> {
  return {
    render(name, entry, ctx) {
      // Only the draft's `disabled: true` is the switch; any other value is an extra field, kept as given.
      if ((entry as { disabled?: unknown }).disabled !== true) return codec.render(name, entry, ctx);
      const { disabled: _, ...rest } = entry as NeutralEntry & { disabled?: unknown };
      const out = codec.render(name, rest as NeutralEntry, ctx);
      if (sw.kind === "field") out[sw.key] = sw.value;
      return out;
    },
    parse(name, native) {
      if (sw.kind !== "field" || native[sw.key] !== sw.value) return codec.parse(name, native);
      const { [sw.key]: _, ...rest } = native;
      return { ...codec.parse(name, rest), disabled: true } as NeutralEntry;
    },
  };
}

/** The record for `d`. */
export function defineClient(d: ClientData): ClientRecord {
  const rec: ClientRecord = {
    id: d.id,
    displayName: d.displayName,
    format: d.format,
    configPath: (os, env) => resolvePath(d.paths, os, env),
    servers: d.servers,
    remote: d.shape.remote,
    secretSyntax: d.shape.secretSyntax,
    restartHint: d.restartHint,
    launch: launchRules(d.launch),
    serverNameProblem: nameProblem(d.names),
    serverNames: d.names ?? {},
    disabledSwitch: d.disabled ?? NO_SWITCH,
    ...withSwitch(d.disabled ?? NO_SWITCH, shapeCodec(d.shape)),
  };
  if (d.deprecated) rec.deprecated = d.deprecated;
  if (d.logs) rec.logs = d.logs;
  if (d.newFile) rec.newFile = d.newFile;
  if (d.source) rec.source = d.source;
  if (d.project) rec.projectPath = projectFile(...d.project);
  if (d.merged) rec.merged = d.merged;
  return rec;
}
