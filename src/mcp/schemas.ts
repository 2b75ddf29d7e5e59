/** Zod pieces shared by the tools: the seed's parameter names, descriptions and defaults. */
import { z } from "zod";

/** `client_id`, default "claude-desktop" (the seed's default). */
export const clientId = z.string().default("claude-desktop").describe(
  'Client id, e.g. "claude-desktop", "claude-code", "cursor" (see list_clients). Default "claude-desktop".',
);

/** `profile_id`, default "default". */
export const profileId = z.string().default("default").describe(
  'Profile name (a client can hold several, e.g. "default", "work"). Default "default".',
);

/** An artifact id or unique prefix. */
export const artifactId = z.string().describe("Artifact id (64 hex) or a unique prefix of 8+ hex characters");

/** An object, or a JSON string encoding an object (some clients send strings). An object is turned back
 * into JSON text first: zod's record parsing silently drops a `__proto__` key, and the op must see every
 * key to refuse that one with the CLI's message (json_arg.ts parses the text into own keys). */
export function objectOrJson(description: string) {
  return z.preprocess(
    (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? JSON.stringify(v) : v),
    z.union([z.record(z.string(), z.unknown()), z.string()]),
  ).optional().describe(description + " An object, or a JSON string encoding one.");
}

/** A passthrough object: the listed fields are checked, extra fields are kept. */
export function obj<S extends z.ZodRawShape>(shape: S) {
  return z.object(shape).passthrough();
}

/** A JSON object whose fields are not described further. */
export const anyObject = z.record(z.string(), z.unknown());

/** Where a deploy writes: the client's user file (default) or its project file. */
export const targetShape = {
  scope: z.enum(["user", "project"]).optional().describe(
    '"user" (default): the client\'s user config; "project": its project file',
  ),
  project_dir: z.string().optional().describe(
    'With scope "project": the project folder, an absolute path to an existing folder you own, inside the ' +
      "roots you shared; never a system or hidden folder, nor the home folder itself",
  ),
};

/** How secrets are written into the client file. */
export const secretsMode = z.enum(["reference", "literal"]).optional().describe(
  '"reference" (default): the client\'s ${VAR} syntax where it has one; "literal": the stored values',
);

/** The draft summary every draft tool returns. */
export const draftSummary = {
  client_id: z.string(),
  profile_id: z.string(),
  server_count: z.number(),
  servers: z.array(z.string()),
  updated_at: z.string().nullable(),
};
