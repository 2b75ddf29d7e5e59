/**
 * The JSON Schema validator of the MCP server (mcp_server.ts `formValidator`): the server
 * checks only the answers to its own elicitation forms, whose schemas are flat objects of primitive
 * fields (the spec's restricted subset: string with enum/minLength/maxLength, number/integer with
 * minimum/maximum, boolean, and `required`). Small and dependency-free, so `serve` does not load Ajv.
 */

type Field = {
  type?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};
type FormSchema = { type?: string; properties?: Record<string, Field>; required?: string[] };
type Result<T> = { valid: true; data: T; errorMessage: undefined } | {
  valid: false;
  data: undefined;
  errorMessage: string;
};

/** Why `v` does not fit `f`, or null. */
function fieldProblem(name: string, f: Field, v: unknown): string | null {
  switch (f.type) {
    case "string":
      if (typeof v !== "string") return `${name} must be a string`;
      if (f.minLength !== undefined && v.length < f.minLength) return `${name} is too short`;
      if (f.maxLength !== undefined && v.length > f.maxLength) return `${name} is too long`;
      break;
    case "number":
    case "integer":
      if (typeof v !== "number" || !Number.isFinite(v)) return `${name} must be a number`;
      if (f.type === "integer" && !Number.isInteger(v)) return `${name} must be an integer`;
      if (f.minimum !== undefined && v < f.minimum) return `${name} is below ${f.minimum}`;
      if (f.maximum !== undefined && v > f.maximum) return `${name} is above ${f.maximum}`;
      break;
    case "boolean":
      if (typeof v !== "boolean") return `${name} must be true or false`;
      break;
    default:
      return `${name}: unsupported schema type ${JSON.stringify(f.type)}`;
  }
  if (f.enum && !f.enum.includes(v)) {
    return `${name} must be one of ${f.enum.map((x) => JSON.stringify(x)).join(", ")}`;
  }
  return null;
}

/** The validator the server calls (`getValidator(schema)(input)`). */
export const formValidator = {
  getValidator<T>(schema: unknown): (input: unknown) => Result<T> {
    const s = schema as FormSchema;
    return (input) => {
      const problems: string[] = [];
      if (s.type !== "object" || typeof input !== "object" || input === null || Array.isArray(input)) {
        problems.push("the answer must be an object");
      } else {
        const o = input as Record<string, unknown>;
        for (const r of s.required ?? []) if (!(r in o)) problems.push(`${r} is required`);
        for (const [k, v] of Object.entries(o)) {
          const f = s.properties?.[k];
          const p = f ? fieldProblem(k, f, v) : `${k} is not a field of the form`;
          if (p) problems.push(p);
        }
      }
      return problems.length
        ? { valid: false, data: undefined, errorMessage: problems.join("; ") }
        : { valid: true, data: input as T, errorMessage: undefined };
    };
  },
};
