/**
 * Elicitation: when `add_server_to_config` leaves a required catalogue input unset (the filesystem
 * server's `allowed_directory`, say) and the client declared form elicitation, the server asks the user
 * for the non-secret ones in one form (`elicitation/create`) and stores the answers with the
 * set_server_in_config operation, so the draft is complete in one call. A secret is never asked for in a
 * form (the spec forbids it): the result's `secrets_needed` names each missing secret and the exact call
 * that stores it (its value goes to secrets.json; the draft keeps a `${VAR}` reference). A client without
 * elicitation gets the same `missing` lists and `secrets_needed` and no question. A project deploy
 * without `project_dir` from a client that shared several roots asks which one (askProjectDir).
 */
import { formElicitation, type McpServer } from "./mcp_server.ts";
import { call } from "../ops/spec.ts";
import { op as setServerOp } from "../ops/specs/set_server.ts";
import type { Deps } from "../platform/deps.ts";
import type { Diagnostics } from "./diagnostics.ts";
import type { ToolExtra } from "./tool.ts";

/** How long the user may take to answer a form. */
const ANSWER_TIMEOUT_MS = 10 * 60_000;

/** One catalogue input as the form needs it. */
interface InputInfo {
  name: string;
  kind: string;
  description?: string;
  isSecret: boolean;
  choices?: string[];
}

/** True when the client declared form elicitation (an empty `elicitation: {}` means form). */
export function canElicitForm(server: McpServer): boolean {
  return formElicitation(server.getClientCapabilities());
}

async function catalogInputs(deps: Deps, id: string, client: string): Promise<InputInfo[]> {
  try {
    const { describeServer } = await import("../ops/describe_server.ts");
    const d = await describeServer(deps, { id, client });
    return d.options.flatMap((o) => o.inputs as InputInfo[]);
  } catch {
    return [];
  }
}

type AddResult = Record<string, any> & {
  client_id: string;
  profile_id: string;
  server: string;
  source: { registry?: string };
  missing: { params: string[]; env: string[] };
  warnings: string[];
};

/** Completes the result of `add_server_to_config`: asks for missing non-secret inputs (when the client
 * can answer a form) and says how to store each missing secret. */
export async function completeAddServer(
  server: McpServer,
  deps: Deps,
  log: Diagnostics,
  result: AddResult,
  extra: ToolExtra,
): Promise<AddResult> {
  const { params, env } = result.missing ?? { params: [], env: [] };
  const id = result.source?.registry;
  if (!id || params.length + env.length === 0) return result;
  const inputs = await catalogInputs(deps, id, result.client_id);
  const info = (name: string, env: boolean) =>
    inputs.find((i) => i.name === name && (i.kind === "env") === env) ?? inputs.find((i) => i.name === name);
  const secret = (name: string, isEnv: boolean) => {
    const i = info(name, isEnv);
    return i ? i.isSecret : /KEY|TOKEN|SECRET|PASSWORD/i.test(name);
  };
  const target = { client_id: result.client_id, profile_id: result.profile_id, server_name: result.server };
  const secrets_needed = [
    ...params.filter((p) => secret(p, false)).map((p) => ({
      name: p,
      kind: "param",
      store_with: { tool: "set_server_in_config", arguments: { ...target, params: { [p]: "<value>" } } },
    })),
    ...env.filter((e) => secret(e, true)).map((e) => ({
      name: e,
      kind: "env",
      store_with: { tool: "set_server_in_config", arguments: { ...target, env_vars: { [e]: "<value>" } } },
    })),
  ];
  let out: AddResult = secrets_needed.length
    ? {
      ...result,
      secrets_needed,
      warnings: [
        ...result.warnings,
        ...secrets_needed.map((s) =>
          `${s.name} is a secret: it is never asked for in a form. Store it with set_server_in_config ` +
          `(${
            JSON.stringify(s.store_with.arguments)
          }); the value goes to secrets.json and the draft keeps a reference`
        ),
      ],
    }
    : result;
  const ask = [
    ...params.filter((p) => !secret(p, false)).map((name) => ({ name, env: false })),
    ...env.filter((e) => !secret(e, true)).map((name) => ({ name, env: true })),
  ];
  if (ask.length === 0 || !canElicitForm(server)) return out;
  const properties: Record<string, Record<string, unknown>> = {};
  for (const a of ask) {
    const i = info(a.name, a.env);
    const description = i?.description ?? (a.env ? `Environment variable ${a.name}` : `Parameter ${a.name}`);
    properties[a.name] = i?.choices?.length
      ? { type: "string", title: a.name, description, enum: i.choices }
      : { type: "string", title: a.name, description, minLength: 1 };
  }
  let answer;
  try {
    answer = await server.elicitInput({
      mode: "form",
      message: `The server "${result.server}" (${id}) in ${result.client_id}/${result.profile_id} needs ` +
        `${ask.map((a) => a.name).join(", ")}. Give ${ask.length === 1 ? "its value" : "their values"} ` +
        `to complete the draft (leave the form to add them later).`,
      requestedSchema: { type: "object", properties, required: ask.map((a) => a.name) } as never,
    }, { timeout: ANSWER_TIMEOUT_MS, signal: extra.signal });
  } catch (e) {
    log.send("warning", `Asking for ${ask.map((a) => a.name).join(", ")} failed: ${(e as Error).message}`);
    return { ...out, elicitation: { asked: ask.map((a) => a.name), action: "failed" } };
  }
  log.send("info", `Asked for ${ask.map((a) => a.name).join(", ")}: ${answer.action}`);
  if (answer.action !== "accept" || !answer.content) {
    return { ...out, elicitation: { asked: ask.map((a) => a.name), action: answer.action } };
  }
  const given = answer.content as Record<string, unknown>;
  const pick = (isEnv: boolean) =>
    Object.fromEntries(
      ask.filter((a) => a.env === isEnv && typeof given[a.name] === "string" && given[a.name] !== "")
        .map((a) => [a.name, given[a.name] as string]),
    );
  const setParams = pick(false), setEnv = pick(true);
  if (Object.keys(setParams).length + Object.keys(setEnv).length === 0) {
    return { ...out, elicitation: { asked: ask.map((a) => a.name), action: "accept" } };
  }
  const set = await call(setServerOp, deps, {
    name: result.server,
    client: result.client_id,
    profile: result.profile_id,
    ...(Object.keys(setParams).length ? { params: setParams } : {}),
    ...(Object.keys(setEnv).length ? { env: setEnv } : {}),
  }, { door: "mcp", signal: extra.signal });
  const filled = new Set([...Object.keys(setParams), ...Object.keys(setEnv)]);
  out = {
    ...out,
    server_count: set.server_count,
    servers: set.servers,
    updated_at: set.updated_at,
    missing: {
      params: params.filter((p) => !(p in setParams)),
      env: env.filter((e) => !(e in setEnv)),
    },
    warnings: [
      ...out.warnings.filter((w) => ![...filled].some((n) => w.includes(` ${n}:`) || w.includes(` ${n} `))),
      ...set.warnings,
    ],
    elicitation: { asked: ask.map((a) => a.name), action: "accept", stored: [...filled] },
  };
  return out;
}

/** For a call with `scope: "project"` and no `project_dir` from a client that shared several roots and
 * can answer a form: asks which root is the project folder. The arguments unchanged otherwise (one root
 * is the default without asking; a declined form leaves the op to refuse, naming the roots). */
export async function askProjectDir(
  server: McpServer,
  roots: () => Promise<string[] | null>,
  log: Diagnostics,
  args: Record<string, unknown>,
  extra: ToolExtra,
): Promise<Record<string, unknown>> {
  if (args.scope !== "project" || args.project_dir !== undefined || !canElicitForm(server)) return args;
  const list = await roots().catch(() => null);
  if (!list || list.length < 2) return args;
  try {
    const answer = await server.elicitInput({
      mode: "form",
      message: "Which of the folders you shared is the project to write the client's project file in?",
      requestedSchema: {
        type: "object",
        properties: {
          project_dir: {
            type: "string",
            title: "Project folder",
            description: "One of your roots",
            enum: list,
          },
        },
        required: ["project_dir"],
      } as never,
    }, { timeout: ANSWER_TIMEOUT_MS, signal: extra.signal });
    log.send("info", `Asked for the project folder: ${answer.action}`);
    const dir = answer.action === "accept" ? answer.content?.project_dir : undefined;
    return typeof dir === "string" && list.includes(dir) ? { ...args, project_dir: dir } : args;
  } catch (e) {
    log.send("warning", `Asking for the project folder failed: ${(e as Error).message}`);
    return args;
  }
}
