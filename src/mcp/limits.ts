/** Limits of the MCP server's input, in a module of its own so the fast first answer (fast_start.ts)
 * can use them without loading the server. */

/** The longest message (one line) the server reads: a longer one is answered with -32600 and skipped
 * without being kept in memory, so a runaway client cannot exhaust the server. */
export const MAX_MESSAGE_CHARS = 8 * 1024 * 1024;
