/**
 * Interfaces shared by the client records, the codecs and the deploy engine.
 * A new client is a new record (see records/), not a new branch in ten files.
 */
import type { NeutralEntry } from "../core/neutral.ts";
import type { Env, OS } from "../platform/host.ts";
import type { LaunchRules } from "./launch.ts";
import type { ServerNameRule } from "./server_names.ts";
import type { LogSpec } from "./logs.ts";

export type { Env, OS };
export type Format = "json" | "jsonc" | "yaml" | "toml";

/** Where the servers live inside a config document. */
export type ServersLocation =
  | { path: string[]; shape: "map" }
  | { path: string[]; shape: "list"; nameKey: string };

/** A client-native entry: a plain JSON-like value. */
export type NativeEntry = Record<string, unknown>;

/**
 * Minimal-edit access to the servers of one config file format. Every function is pure (text in,
 * text out). A `writeServers` call leaves every byte outside the edited entries as it was.
 */
export interface Codec {
  readonly format: Format;
  /** The whole document as plain data; throws AppError("config_parse_error") on bad input. Empty or
   * whitespace-only text is an empty document. */
  parse(text: string): unknown;
  /** name -> native entry at `loc` (empty when the container is absent). */
  readServers(text: string, loc: ServersLocation): Record<string, NativeEntry>;
  /** Sets (entry) or removes (null) each named entry; an entry deep-equal to what is there is left
   * byte-for-byte untouched; new entries go after the existing ones; a missing container is created;
   * empty text becomes a fresh document. Returns the new text. */
  writeServers(text: string, loc: ServersLocation, changes: Record<string, NativeEntry | null>): string;
  /** JSON family only: sets the value at `path` (null: removes that member), every other byte kept; the
   * objects on the way are created. For a client's list of names outside its entries (Gemini CLI's
   * `mcp.excluded`, DisabledSwitch "list"). */
  writeValue?(text: string, path: string[], value: unknown): string;
}

/** How a reference to a secret named VAR is written for a client, or null when it has none. */
export type SecretSyntax = "dollar-brace" | "env-colon" | "dollar" | "names-only" | "none";

export interface RenderContext {
  os: OS;
  /** "reference": use the client's native reference syntax where it has one; "literal": put values in. */
  secrets: "reference" | "literal";
  /** The stored value of a secret (for literal rendering); undefined when unknown. */
  resolveSecret(name: string): string | undefined;
}

/**
 * How a client switches one server off while keeping it in its file: a field of the entry
 * (`enabled = false`, `disabled: true`), a list of names elsewhere in the document (Gemini CLI's
 * `mcp.excluded`), or none (a disabled server is then left out of the file). `source`: where the fact
 * comes from.
 */
export type DisabledSwitch =
  | { kind: "field"; key: string; value: boolean; source: string }
  | { kind: "list"; path: string[]; source: string }
  | { kind: "none"; source: string };

/**
 * One more place a client reads servers from and merges with the file a deploy writes (the target):
 * opencode's `opencode.jsonc` beside `opencode.json`, Claude Code's local scope and `.mcp.json`, VS
 * Code's workspace `mcp.json`. Declared per target scope, in the client's format and servers location.
 */
export interface MergedPlace {
  /** What the user knows it as: "opencode.jsonc", "local scope", "workspace .vscode/mcp.json". */
  label: string;
  /** The scope of the target it merges with. */
  scope: "user" | "project";
  /** The file: `sibling` (next to the target, `parts[0]` its name), `project` (`parts` inside the project
   * folder: a project target's own folder; for a user target the current folder), `user` (the
   * client's user file). */
  file: "sibling" | "project" | "user";
  parts?: string[];
  /** Servers inside a map of project folders (Claude Code's `projects[<dir>].mcpServers`): for a user
   * target every folder of the map, for a project target its own folder. Else the client's location. */
  perProject?: { map: string[]; servers: string[] };
  /** On a name in both, this place's entry is what the client loads (it shadows ours); else ours wins. */
  wins: boolean;
  /** import-config of the target's scope reads it too (it belongs to the same scope). */
  imported: boolean;
}

/** The places a client merges with its file, and how an entry of one overrides another's. */
export interface MergedFiles {
  places: MergedPlace[];
  /** "replace": the winning entry is taken whole; "deep": field by field (opencode's mergeDeep: the
   * winner's fields override, ours that it lacks stay). */
  merge: "replace" | "deep";
  /** Where the facts come from (docs, source, the real CLI). */
  source: string;
}

/** One client: data first, plus the few functions that differ. */
export interface ClientRecord {
  id: string;
  displayName: string;
  /** Present when the client is discontinued: the reason. */
  deprecated?: string;
  format: Format;
  /** Absolute user-scope config path on `os`, from env (HOME, USERPROFILE, APPDATA, XDG_CONFIG_HOME...). */
  configPath(os: OS, env: Env): string;
  /** Project-scope file for a project folder, where the client has one. */
  projectPath?(projectDir: string, os: OS): string;
  servers: ServersLocation;
  /** "native": loads remote servers from the file; "bridge": needs `npx -y mcp-remote`; "http-only": no SSE. */
  remote: "native" | "bridge" | "http-only";
  secretSyntax: SecretSyntax;
  /** What the user does after a deploy so the client loads it. */
  restartHint: string;
  /** How the client starts a local server: env, expansion, cwd, Windows wrapping, timeout (doctor). */
  launch: LaunchRules;
  /** Why this client's own reader cannot take a server named `name` (it refuses the file, or drops the
   * entry), or null when it can (server_names.ts). */
  serverNameProblem(name: string): string | null;
  /** The client's own name rule as data (for the reference pages); `__proto__` is refused for all. */
  serverNames: ServerNameRule;
  /** Other places the client merges with its file (absent: it reads that one file). */
  merged?: MergedFiles;
  /** Where the client writes its own MCP logs (absent: not known). */
  logs?: LogSpec;
  /** How a server is kept in the file but switched off (a draft's disabled server). */
  disabledSwitch: DisabledSwitch;
  /** The text a deploy starts from when it creates the file (or finds it empty): what the client needs
   * (Continue refuses a config.yaml without `name` and `version`) or writes itself first (Qwen Code's
   * `$version`, else it migrates the file on its first run). Absent: an empty document, which the
   * servers container alone makes valid. */
  newFile?: string;
  /** Where the path and format facts come from (shown in the clients reference), where recorded. */
  source?: string;
  /** Neutral -> native entry for this client. */
  render(name: string, entry: NeutralEntry, ctx: RenderContext): NativeEntry;
  /** Native -> neutral entry (secret references back to `${VAR}`). */
  parse(name: string, native: NativeEntry): NeutralEntry;
}
