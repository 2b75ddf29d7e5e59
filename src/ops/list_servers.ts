/** list-servers: the catalogue (built-in plus the user's registry files), filtered. */
import { AppError } from "../core/errors.ts";
import type { Deps } from "../platform/deps.ts";
import type { CatalogSummary } from "../registry/catalog.ts";
import type { Transport } from "../registry/inputs.ts";
import { loadCatalog } from "../registry/user_files.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/list_servers.ts";

export type ListServersInput = InputOf<typeof spec>;

export interface ListServersResult {
  count: number;
  servers: CatalogSummary[];
  warnings: string[];
}

/** Checks a transport name (stdio, http, sse). */
export function checkTransport(t: string | undefined): Transport | undefined {
  if (t === undefined || t === "stdio" || t === "http" || t === "sse") return t;
  throw new AppError("invalid_input", `Unknown transport ${JSON.stringify(t)}: use stdio, http or sse`, {
    transport: t,
    known: ["stdio", "http", "sse"],
  });
}

/** Servers matching every given filter, sorted by id. */
export async function listServers(deps: Deps, input: ListServersInput = {}): Promise<ListServersResult> {
  const transport = checkTransport(input.transport);
  const { catalog, warnings } = await loadCatalog(deps);
  const servers = catalog.list({ search: input.search, transport, tag: input.tag });
  return { count: servers.length, servers, warnings };
}
