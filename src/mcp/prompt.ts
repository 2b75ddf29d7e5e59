/** The one way a prompt is registered: string arguments in, user messages out. */
import type { McpServer } from "./mcp_server.ts";
import type { GetPromptResult } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { registered } from "./registered.ts";
import type { Completer } from "./complete.ts";

/** A prompt over zod string arguments. */
export interface PromptSpec<S extends Record<string, z.ZodType<string | undefined>>> {
  name: string;
  title: string;
  description: string;
  args: S;
  /** Completions of some arguments (`completion/complete` with a `ref/prompt`). */
  complete?: { [K in keyof S]?: Completer };
  /** The text of the user message. */
  text(args: { [K in keyof S]: z.output<S[K]> }): string;
}

/** Registers the prompt and records it for `capabilities://server`. */
export function definePrompt<S extends Record<string, z.ZodType<string | undefined>>>(
  server: McpServer,
  spec: PromptSpec<S>,
): void {
  server.registerPrompt(
    spec.name,
    {
      title: spec.title,
      description: spec.description,
      argsSchema: spec.args,
      complete: spec.complete as Record<string, Completer>,
    },
    (args): GetPromptResult => ({
      description: spec.description,
      messages: [{ role: "user", content: { type: "text", text: spec.text(args as never) } }],
    }),
  );
  registered(server).prompts.push({ name: spec.name, description: spec.description });
}
