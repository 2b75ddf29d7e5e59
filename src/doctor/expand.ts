/**
 * A client's variable expansion over one string, as that client does it (launch rules in the client
 * record), recording which variable was looked up and where its value came from.
 *
 * @example
 * const uses: VarUse[] = [];
 * expandString("Bearer ${TOKEN}", { syntaxes: ["dollar-brace"], fields: [], unset: "keep" }, { TOKEN: "x" }, {}, uses);
 * // "Bearer x"; uses = [{ name: "TOKEN", source: "environment" }]
 */
import type { ExpandRule, ExpandSyntax } from "../clients/launch.ts";

/** Where the value of a variable came from. */
export type VarSource = "environment" | "secrets.json" | "default" | "unset";

export interface VarUse {
  name: string;
  source: VarSource;
}

const NAME = "[A-Za-z_][A-Za-z0-9_]*";

/** The pattern of each syntax; group 1 is the name, group 2 (dollar-brace-default) the default. */
const PATTERNS: Record<ExpandSyntax, string> = {
  "dollar-brace-default": `\\$\\{(${NAME}):-([^}]*)\\}`,
  "dollar-brace": `\\$\\{(${NAME})\\}`,
  "env-colon": `\\$\\{env:(${NAME})\\}`,
  "brace-env": `(?<!\\$)\\{env:(${NAME})\\}`,
  "bare-dollar": `\\$(${NAME})`,
};

/** Builtin names (`${workspaceFolder}`, `${userHome}`) and their values. */
export type Builtins = Record<string, string>;

/** `s` expanded by `rule` from `vars`; each lookup is pushed to `uses`. */
export function expandString(
  s: string,
  rule: ExpandRule,
  vars: Record<string, string | undefined>,
  builtins: Builtins,
  uses: VarUse[],
  sourceOf: (name: string) => VarSource = () => "environment",
): string {
  const parts = rule.syntaxes.map((x) => PATTERNS[x]);
  if (rule.builtins) parts.unshift(`\\$\\{(${Object.keys(builtins).join("|") || "(?!)"})\\}`);
  if (parts.length === 0) return s;
  // One left-to-right scan over every form, so a replaced value is never expanded again.
  const re = new RegExp(parts.map((p) => `(?:${p})`).join("|"), "g");
  return s.replace(re, (ref: string, ...groups: unknown[]) => {
    const caps = groups.slice(0, -2) as (string | undefined)[];
    let i = 0;
    if (rule.builtins) {
      if (caps[0] !== undefined) return builtins[caps[0]];
      i = 1;
    }
    for (const syntax of rule.syntaxes) {
      const name = caps[i];
      const def = syntax === "dollar-brace-default" ? caps[i + 1] : undefined;
      i += syntax === "dollar-brace-default" ? 2 : 1;
      if (name === undefined) continue;
      const value = vars[name];
      if (value !== undefined && !(def !== undefined && value === "")) {
        uses.push({ name, source: sourceOf(name) });
        return value;
      }
      if (def !== undefined) {
        uses.push({ name, source: "default" });
        return def;
      }
      uses.push({ name, source: "unset" });
      return rule.unset === "empty" ? "" : ref;
    }
    return ref;
  });
}
