/**
 * Diagnostic messages of the MCP server (the `logging` capability): each goes to the client as
 * `notifications/message` when its level is at or above the level the client set with
 * `logging/setLevel` (none before it sets one: a client that never asks gets no log traffic), and never as
 * a raw line on stdout, which carries MCP messages only. Warnings and worse also go to stderr, which
 * clients keep in their own logs.
 * Messages never hold argument values (they may be secrets): tool names, durations and error codes.
 */
import type { McpServer } from "./mcp_server.ts";

/** The syslog levels of the protocol, least severe first. */
export const LEVELS = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
] as const;
export type Level = typeof LEVELS[number];

/** The logger name the messages carry. */
const LOGGER = "mcp-orchestration";

/** Where one server's diagnostics go. */
export class Diagnostics {
  #server: McpServer;
  #stderr: (line: string) => void;
  #level: Level | null = null;
  #ready = false;

  constructor(server: McpServer, stderr: (line: string) => void = () => {}) {
    this.#server = server;
    this.#stderr = stderr;
  }

  /** The level the client set (null before it sets one). */
  get level(): Level | null {
    return this.#level;
  }

  /** Takes over `logging/setLevel` (call after the capability is registered, before connecting). */
  install(): void {
    this.#server.setRequestHandler("logging/setLevel", (params) => {
      this.#level = params.level as Level;
      return {};
    });
    const prev = this.#server.oninitialized;
    this.#server.oninitialized = () => {
      this.#ready = true;
      prev?.();
    };
  }

  /** Sends `message` at `level` (dropped below the client's level; warnings also to stderr). */
  send(level: Level, message: string, data: Record<string, unknown> = {}): void {
    if (LEVELS.indexOf(level) >= LEVELS.indexOf("warning")) this.#stderr(`${LOGGER}: ${message}\n`);
    if (!this.#ready || this.#level === null || LEVELS.indexOf(level) < LEVELS.indexOf(this.#level)) return;
    this.#server.sendLoggingMessage({ level, logger: LOGGER, data: { message, ...data } })
      .catch(() => {});
  }
}
