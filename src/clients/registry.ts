/**
 * Every client the orchestrator can deploy to, and lookup by id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getClient } from "./registry.ts";
 * assert.equal(getClient("cursor").configPath("linux", { HOME: "/home/a" }), "/home/a/.cursor/mcp.json");
 * ```
 */
import { AppError } from "../core/errors.ts";
import { closestNames, didYouMean, looseName } from "../core/suggest.ts";
import type { ClientRecord } from "./types.ts";
import amazonQ from "./records/amazon-q.ts";
import amp from "./records/amp.ts";
import antigravity from "./records/antigravity.ts";
import auggie from "./records/auggie.ts";
import claudeCode from "./records/claude-code.ts";
import claudeDesktop from "./records/claude-desktop.ts";
import cline from "./records/cline.ts";
import codex from "./records/codex.ts";
import continueDev from "./records/continue.ts";
import copilotCli from "./records/copilot-cli.ts";
import crush from "./records/crush.ts";
import cursor from "./records/cursor.ts";
import geminiCli from "./records/gemini-cli.ts";
import goose from "./records/goose.ts";
import kiloCode from "./records/kilo-code.ts";
import kiro from "./records/kiro.ts";
import lmStudio from "./records/lm-studio.ts";
import opencode from "./records/opencode.ts";
import qwenCode from "./records/qwen-code.ts";
import rooCode from "./records/roo-code.ts";
import trae from "./records/trae.ts";
import vscode from "./records/vscode.ts";
import windsurf from "./records/windsurf.ts";
import zed from "./records/zed.ts";

/** All clients, in the order of CLIENTS.md (the four of issue 17 last). */
export const ALL_CLIENTS: ClientRecord[] = [
  claudeDesktop,
  claudeCode,
  cursor,
  windsurf,
  vscode,
  cline,
  rooCode,
  zed,
  continueDev,
  codex,
  geminiCli,
  goose,
  lmStudio,
  kiro,
  opencode,
  copilotCli,
  amazonQ,
  antigravity,
  trae,
  crush,
  qwenCode,
  amp,
  auggie,
  kiloCode,
];

/** The ids of every client. */
export function clientIds(): string[] {
  return ALL_CLIENTS.map((c) => c.id);
}

/** The client with `id` (`Claude-Code` and `claude_code` are `claude-code`); throws `client_not_found`
 * listing the known ids, with the closest ones in its hint. */
export function getClient(id: string): ClientRecord {
  const found = ALL_CLIENTS.find((c) => c.id === id) ??
    (typeof id === "string" ? ALL_CLIENTS.find((c) => c.id === looseName(id)) : undefined);
  if (!found) {
    const suggestions = typeof id === "string" ? closestNames(id, clientIds()) : [];
    throw new AppError("client_not_found", `Unknown client ${JSON.stringify(id)}`, {
      client: id,
      known: clientIds(),
      suggestions,
      hint: suggestions.length
        ? `${didYouMean(suggestions)} (known: ${clientIds().join(", ")})`
        : `known: ${clientIds().join(", ")}`,
    });
  }
  return found;
}

/** The id a user meant: a known id matched regardless of case and of `_` / `-` (`Claude-Code`,
 * `CLAUDE_CODE`: `claude-code`); an unknown one in that loose form (`Claude` is refused as "claude",
 * with suggestions, not as a malformed name). */
export function canonicalClientId<T>(id: T): T | string {
  if (typeof id !== "string" || ALL_CLIENTS.some((c) => c.id === id)) return id;
  return looseName(id);
}
