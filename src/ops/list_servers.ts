/** list-servers: the catalogue (built-in plus the user's registry files), filtered. */
import type { Deps } from "../platform/deps.ts";
import type { CatalogSummary } from "../registry/catalog.ts";
import { checkTransport } from "../registry/inputs.ts";
import { loadCatalog } from "../registry/user_files.ts";
import type { InputOf } from "./spec.ts";
import type { spec } from "./specs/list_servers.ts";

export type ListServersInput = InputOf<typeof spec>;

export interface ListServersResult {
  count: number;
  servers: CatalogSummary[];
  warnings: string[];
}

/** Servers matching every given filter, sorted by id. */
export async function listServers(deps: Deps, input: ListServersInput = {}): Promise<ListServersResult> {
  const transport = checkTransport(input.transport);
  const { catalog, warnings } = await loadCatalog(deps);
  const servers = catalog.list({ search: input.search, transport, tag: input.tag });
  return { count: servers.length, servers, warnings };
}
