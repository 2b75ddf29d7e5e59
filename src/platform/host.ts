/** What the program knows of the machine it runs on, as values `main.ts` reads once and passes down. */

/** The operating-system family (client config paths, path flavour, file modes). */
export type OS = "linux" | "darwin" | "windows";
/** Environment variables, read once in main.ts (only those the program declares). */
export type Env = Readonly<Record<string, string | undefined>>;
