/**
 * Result shapes: a few plain values that describe what an operation returns. The MCP output schemas
 * are built from them (src/mcp/zod_spec.ts, in `serve` only), and `Out<S>` is the TypeScript type a
 * shape stands for, against which the op's result type is checked when a spec is bound to its op.
 * Objects are open: the listed fields are checked, further fields pass through.
 *
 * @example
 * const deployed = obj({ status: oneOf("deployed", "unchanged"), deployment_id: nullable(str) });
 * type D = Out<typeof deployed>; // { status: "deployed" | "unchanged"; deployment_id: string | null }
 */

/** One shape. */
export type Shape =
  | { readonly t: "string" }
  | { readonly t: "number" }
  | { readonly t: "boolean" }
  | { readonly t: "any-object" }
  | { readonly t: "enum"; readonly values: readonly [string, ...string[]] }
  | { readonly t: "literal"; readonly value: string }
  | { readonly t: "array"; readonly of: Shape }
  | { readonly t: "object"; readonly fields: { readonly [k: string]: Shape } }
  | { readonly t: "record"; readonly of: Shape }
  | { readonly t: "nullable"; readonly of: Shape }
  | { readonly t: "optional"; readonly of: Shape; readonly description?: string };

/** An object shape. */
export type ObjectShape = Extract<Shape, { t: "object" }>;

export const str = { t: "string" } as const;
export const num = { t: "number" } as const;
export const bool = { t: "boolean" } as const;
/** A JSON object whose fields are not described further. */
export const anyObject = { t: "any-object" } as const;

export const oneOf = <const V extends readonly [string, ...string[]]>(...values: V) =>
  ({ t: "enum", values }) as const;
export const literal = <const V extends string>(value: V) => ({ t: "literal", value }) as const;
export const arr = <const S extends Shape>(of: S) => ({ t: "array", of }) as const;
/** An open object: the listed fields, and any others. */
export const obj = <const F extends { readonly [k: string]: Shape }>(fields: F) =>
  ({ t: "object", fields }) as const;
/** An object of names to values of one shape. */
export const record = <const S extends Shape>(of: S) => ({ t: "record", of }) as const;
export const nullable = <const S extends Shape>(of: S) => ({ t: "nullable", of }) as const;
/** A field that may be missing (with what it means, when that needs saying). */
export const optional = <const S extends Shape>(of: S, description?: string) =>
  (description === undefined ? { t: "optional", of } : { t: "optional", of, description }) as {
    readonly t: "optional";
    readonly of: S;
    readonly description?: string;
  };

/** The TypeScript type a shape stands for. */
export type Out<S> = S extends { t: "string" } ? string
  : S extends { t: "number" } ? number
  : S extends { t: "boolean" } ? boolean
  : S extends { t: "any-object" } ? object
  : S extends { t: "enum"; values: readonly (infer V)[] } ? V
  : S extends { t: "literal"; value: infer V } ? V
  : S extends { t: "array"; of: infer E } ? Out<E>[]
  : S extends { t: "record"; of: infer E } ? Record<string, Out<E>>
  : S extends { t: "nullable"; of: infer E } ? Out<E> | null
  : S extends { t: "object"; fields: infer F } ? OutObject<F>
  : unknown;

type OutObject<F> =
  & { -readonly [K in keyof F as F[K] extends { t: "optional" } ? never : K]: Out<F[K]> }
  & {
    -readonly [K in keyof F as F[K] extends { t: "optional" } ? K : never]?: F[K] extends { of: infer E }
      ? Out<E>
      : never;
  };
