/**
 * Path manipulation without `node:path`.
 *
 * Importing `node:path` boots Deno's Node compatibility layer at start-up, so `src/` uses this module
 * instead. It is a TypeScript port of Node.js's `lib/path.js`, kept behaviourally identical to
 * `node:path` as shipped in Deno 2.9.6 (including the win32 reserved device names, the `.\` prefix for
 * relative paths holding a colon, UNC and `\\?\` / `\\.\` device roots, case-insensitive `relative`).
 * `parse`, `format`, `toNamespacedPath` and `matchesGlob` are left out. `tests/platform/path_test.ts`
 * checks every function against `node:path` on generated inputs.
 *
 * One deliberate difference: `win32.resolve` of a drive-relative path (`C:foo`) whose drive is not
 * resolved by a later argument takes the working directory from `Deno.cwd()`, where Node reads the
 * per-drive `=C:` environment variable first (see `win32Resolve`). No environment variable is read here,
 * so the module works under a restricted `--allow-env` list.
 *
 * Ported from Node.js's lib/path.js:
 * Copyright Joyent, Inc. and other Node contributors.
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
 * associated documentation files (the "Software"), to deal in the Software without restriction,
 * including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense,
 * and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so,
 * subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in all copies or substantial
 * portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
 * LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
 * NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY,
 * WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 * SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { posix, win32 } from "./path.ts";
 * assert.equal(posix.join("/home/me", ".config", "app.json"), "/home/me/.config/app.json");
 * assert.equal(win32.dirname("C:\\Users\\me\\file.txt"), "C:\\Users\\me");
 * ```
 */

/** The functions shared by the `posix` and `win32` flavours (the subset of `node:path` this project uses). */
export interface PathApi {
  /** The segment separator: `/` or `\`. */
  readonly sep: "/" | "\\";
  /** The PATH list delimiter: `:` or `;`. */
  readonly delimiter: ":" | ";";
  /** Resolves the paths, right to left, into an absolute path (the working directory fills in). */
  resolve(...paths: string[]): string;
  /** Collapses `.`, `..` and repeated separators. */
  normalize(path: string): string;
  /** Whether the path is absolute. */
  isAbsolute(path: string): boolean;
  /** Joins the non-empty paths with the separator, then normalizes. */
  join(...paths: string[]): string;
  /** The relative path from `from` to `to` (both resolved first). */
  relative(from: string, to: string): string;
  /** The directory part of the path. */
  dirname(path: string): string;
  /** The last segment of the path, without `suffix` when it ends with it. */
  basename(path: string, suffix?: string): string;
  /** The extension of the last segment, from its last `.` (`""` when none). */
  extname(path: string): string;
}

// ---------------------------------------------------------------------------------------------------
// Shared helpers (Node's internal/constants and path helpers)
// ---------------------------------------------------------------------------------------------------

const CHAR_UPPERCASE_A = 65; /* A */
const CHAR_LOWERCASE_A = 97; /* a */
const CHAR_UPPERCASE_Z = 90; /* Z */
const CHAR_LOWERCASE_Z = 122; /* z */
const CHAR_DOT = 46; /* . */
const CHAR_FORWARD_SLASH = 47; /* / */
const CHAR_BACKWARD_SLASH = 92; /* \ */
const CHAR_COLON = 58; /* : */

const isWindows = Deno.build.os === "windows";

/** Node's `ERR_INVALID_ARG_TYPE`: a TypeError with a `code`. */
class InvalidArgTypeError extends TypeError {
  readonly code = "ERR_INVALID_ARG_TYPE";

  constructor(argumentName: string, value: unknown) {
    super(`The "${argumentName}" argument must be of type string. Received ${describeReceived(value)}`);
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

/**
 * Node's `util.inspect` options that `Deno.inspect` accepts beyond its documented ones: strings (and
 * symbol descriptions) quoted with `'` first, as Node does.
 */
const NODE_INSPECT_OPTIONS = { quotes: ["'", '"', "`"] } as Deno.InspectOptions;

/** How Node's `ERR_INVALID_ARG_TYPE` message describes the received value (`invalidArgTypeHelper`). */
function describeReceived(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "function") return `function ${value.name}`;
  if (typeof value === "object") {
    const constructor = (value as { constructor?: { name?: unknown } }).constructor;
    if (constructor && constructor.name) return `an instance of ${constructor.name}`;
    // No named constructor (a null prototype...): the value inspected at depth -1.
    return Deno.inspect(value, { ...NODE_INSPECT_OPTIONS, depth: -1 });
  }
  // A primitive: inspected, cut to 25 characters.
  let shown = Deno.inspect(value, NODE_INSPECT_OPTIONS);
  if (shown.length > 25) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

/** Throws Node's TypeError unless `value` is a string. */
function validateString(value: unknown, argumentName: string): asserts value is string {
  if (typeof value !== "string") throw new InvalidArgTypeError(argumentName, value);
}

function assertPath(path: unknown): asserts path is string {
  validateString(path, "path");
}

/** The optional suffix of `basename`: `undefined` or a string. */
function assertOptionalSuffix(suffix: unknown): asserts suffix is string | undefined {
  if (suffix !== undefined && typeof suffix !== "string") throw new InvalidArgTypeError("ext", suffix);
}

function isPosixPathSeparator(code: number): boolean {
  return code === CHAR_FORWARD_SLASH;
}

function isPathSeparator(code: number): boolean {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
}

/** A drive letter: A-Z or a-z. */
function isWindowsDeviceRoot(code: number): boolean {
  return (code >= CHAR_LOWERCASE_A && code <= CHAR_LOWERCASE_Z) ||
    (code >= CHAR_UPPERCASE_A && code <= CHAR_UPPERCASE_Z);
}

/**
 * Resolves `.` and `..` segments and drops empty ones; `separator` joins the kept segments.
 * With `allowAboveRoot`, `..` segments that climb above the start are kept.
 */
function normalizeString(
  path: string,
  allowAboveRoot: boolean,
  separator: string,
  isSeparator: (code: number) => boolean,
): string {
  let result = "";
  let lastSegmentLength = 0;
  let lastSlash = -1;
  let dots = 0;
  let code = 0;
  for (let i = 0; i <= path.length; ++i) {
    if (i < path.length) {
      code = path.charCodeAt(i);
    } else if (isSeparator(code)) {
      break;
    } else {
      code = CHAR_FORWARD_SLASH;
    }

    if (isSeparator(code)) {
      if (lastSlash === i - 1 || dots === 1) {
        // An empty segment or `.`: nothing to add.
      } else if (dots === 2) {
        if (
          result.length < 2 || lastSegmentLength !== 2 ||
          result.charCodeAt(result.length - 1) !== CHAR_DOT ||
          result.charCodeAt(result.length - 2) !== CHAR_DOT
        ) {
          if (result.length > 2) {
            const lastSeparatorIndex = result.length - lastSegmentLength - 1;
            if (lastSeparatorIndex === -1) {
              result = "";
              lastSegmentLength = 0;
            } else {
              result = result.slice(0, lastSeparatorIndex);
              lastSegmentLength = result.length - 1 - result.lastIndexOf(separator);
            }
            lastSlash = i;
            dots = 0;
            continue;
          } else if (result.length !== 0) {
            result = "";
            lastSegmentLength = 0;
            lastSlash = i;
            dots = 0;
            continue;
          }
        }
        if (allowAboveRoot) {
          result += result.length > 0 ? `${separator}..` : "..";
          lastSegmentLength = 2;
        }
      } else {
        if (result.length > 0) {
          result += separator + path.slice(lastSlash + 1, i);
        } else {
          result = path.slice(lastSlash + 1, i);
        }
        lastSegmentLength = i - lastSlash - 1;
      }
      lastSlash = i;
      dots = 0;
    } else if (code === CHAR_DOT && dots !== -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// win32
// ---------------------------------------------------------------------------------------------------

const WINDOWS_RESERVED_NAMES: readonly string[] = [
  "CON",
  "PRN",
  "AUX",
  "NUL",
  "COM1",
  "COM2",
  "COM3",
  "COM4",
  "COM5",
  "COM6",
  "COM7",
  "COM8",
  "COM9",
  "LPT1",
  "LPT2",
  "LPT3",
  "LPT4",
  "LPT5",
  "LPT6",
  "LPT7",
  "LPT8",
  "LPT9",
  "COM\u00b9",
  "COM\u00b2",
  "COM\u00b3",
  "LPT\u00b9",
  "LPT\u00b2",
  "LPT\u00b3",
];

/**
 * Whether `path.slice(0, colonIndex)` is a reserved device name (case-insensitive). As in Node, a
 * `colonIndex` of -1 slices off the last character (`slice` semantics are kept on purpose).
 */
function isWindowsReservedName(path: string, colonIndex: number): boolean {
  const devicePart = path.slice(0, colonIndex).toUpperCase();
  return WINDOWS_RESERVED_NAMES.includes(devicePart);
}

/** A UNC-style root at the start of a win32 path, `\\\\server\\share` (either separator, runs of them
 * allowed): the server name, where the share starts, and where it ends (the path's length or the next
 * separator); null when the path does not start that way. The server `.` or `?` makes it a device root
 * (`\\\\.\\`, `\\\\?\\`), which each caller handles. */
function uncRoot(path: string): { server: string; shareStart: number; end: number } | null {
  const length = path.length;
  if (length < 2 || !isPathSeparator(path.charCodeAt(0)) || !isPathSeparator(path.charCodeAt(1))) return null;
  // One or more non-separators (the server), then one or more separators, then the share.
  let j = 2;
  while (j < length && !isPathSeparator(path.charCodeAt(j))) j++;
  if (j === length || j === 2) return null;
  const server = path.slice(2, j);
  while (j < length && isPathSeparator(path.charCodeAt(j))) j++;
  if (j === length) return null;
  const shareStart = j;
  while (j < length && !isPathSeparator(path.charCodeAt(j))) j++;
  return { server, shareStart, end: j };
}

function win32Resolve(...paths: string[]): string {
  let resolvedDevice = "";
  let resolvedTail = "";
  let resolvedAbsolute = false;

  for (let i = paths.length - 1; i >= -1; i--) {
    let path: string;
    if (i >= 0) {
      path = paths[i];
    } else if (!resolvedDevice) {
      path = Deno.cwd();
      // Fast path for the current directory.
      if (
        paths.length === 0 ||
        (paths.length === 1 && (paths[0] === "" || paths[0] === ".") && isPathSeparator(path.charCodeAt(0)))
      ) {
        return path;
      }
    } else {
      // Deliberate difference from Node: Node uses the per-drive working directory kept by Windows in
      // the environment variable `=C:` (for device `C:`), falling back to process.cwd(). This port never
      // reads the environment (the program runs with a restricted --allow-env list), so it always uses
      // Deno.cwd(); when that is on another drive, the root of `resolvedDevice` is used, as in Node.
      path = Deno.cwd();
      if (
        path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() &&
        path.charCodeAt(2) === CHAR_BACKWARD_SLASH
      ) {
        path = `${resolvedDevice}\\`;
      }
    }

    assertPath(path);

    const length = path.length;
    let rootEnd = 0;
    let device = "";
    let isAbsolute = false;
    const code = path.charCodeAt(0);

    if (length === 1) {
      if (isPathSeparator(code)) {
        // `path` is a lone separator: the root.
        rootEnd = 1;
        isAbsolute = true;
      }
    } else if (isPathSeparator(code)) {
      // Possible UNC root. A separator at the start makes the path absolute at least.
      isAbsolute = true;
      if (isPathSeparator(path.charCodeAt(1))) {
        const unc = uncRoot(path);
        if (unc && unc.server !== "." && unc.server !== "?") {
          // A UNC root: \\server\share
          device = `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.end)}`;
          rootEnd = unc.end;
        } else if (unc) {
          // A device root: \\.\ or \\?\
          device = `\\\\${unc.server}`;
          rootEnd = 4;
        }
      } else {
        rootEnd = 1;
      }
    } else if (isWindowsDeviceRoot(code) && path.charCodeAt(1) === CHAR_COLON) {
      // A drive letter, possibly followed by a separator.
      device = path.slice(0, 2);
      rootEnd = 2;
      if (length > 2 && isPathSeparator(path.charCodeAt(2))) {
        isAbsolute = true;
        rootEnd = 3;
      }
    }

    if (device.length > 0) {
      if (resolvedDevice.length > 0) {
        // A path on another device does not contribute.
        if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue;
      } else {
        resolvedDevice = device;
      }
    }

    if (resolvedAbsolute) {
      if (resolvedDevice.length > 0) break;
    } else {
      resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
      resolvedAbsolute = isAbsolute;
      if (isAbsolute && resolvedDevice.length > 0) break;
    }
  }

  // The tail is not normalized yet: collapse `.`/`..` and repeated separators. It may still be
  // relative when the working directory was unusable.
  resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute, "\\", isPathSeparator);

  return resolvedAbsolute ? `${resolvedDevice}\\${resolvedTail}` : `${resolvedDevice}${resolvedTail}` || ".";
}

function win32Normalize(path: string): string {
  assertPath(path);
  const length = path.length;
  if (length === 0) return ".";
  let rootEnd = 0;
  let device: string | undefined;
  let isAbsolute = false;
  const code = path.charCodeAt(0);

  if (length === 1) {
    // A single character: only a forward slash changes (to a backslash).
    return isPosixPathSeparator(code) ? "\\" : path;
  }
  if (isPathSeparator(code)) {
    // Possible UNC root. A separator at the start makes the path absolute at least.
    isAbsolute = true;
    if (isPathSeparator(path.charCodeAt(1))) {
      const unc = uncRoot(path);
      if (unc && (unc.server === "." || unc.server === "?")) {
        // A device root: \\.\ or \\?\ ; a reserved name right after it stays part of the root.
        device = `\\\\${unc.server}`;
        rootEnd = 4;
        const colonIndex = path.indexOf(":");
        const possibleDevice = path.slice(4, colonIndex + 1);
        if (isWindowsReservedName(possibleDevice, possibleDevice.length - 1)) {
          device = `\\\\?\\${possibleDevice}`;
          rootEnd = 4 + possibleDevice.length;
        }
      } else if (unc && unc.end === length) {
        // Only the UNC root was given: return it normalized, with a trailing separator.
        return `\\\\${unc.server}\\${path.slice(unc.shareStart)}\\`;
      } else if (unc) {
        // A UNC root with more after it.
        device = `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.end)}`;
        rootEnd = unc.end;
      }
    } else {
      rootEnd = 1;
    }
  } else {
    const colonIndex = path.indexOf(":");
    if (colonIndex > 0) {
      if (isWindowsDeviceRoot(code) && colonIndex === 1) {
        // A drive letter, possibly followed by a separator.
        device = path.slice(0, 2);
        rootEnd = 2;
        if (length > 2 && isPathSeparator(path.charCodeAt(2))) {
          isAbsolute = true;
          rootEnd = 3;
        }
      } else if (isWindowsReservedName(path, colonIndex)) {
        // A reserved device name such as `CON:` is kept as the device.
        device = path.slice(0, colonIndex + 1);
        rootEnd = colonIndex + 1;
      }
    }
  }

  let tail = rootEnd < length ? normalizeString(path.slice(rootEnd), !isAbsolute, "\\", isPathSeparator) : "";
  if (tail.length === 0 && !isAbsolute) tail = ".";
  if (tail.length > 0 && isPathSeparator(path.charCodeAt(length - 1))) tail += "\\";

  // A relative path holding a colon must not turn into a drive letter or an alternate data stream
  // once normalized (`a/../c:` would read as the drive `c:`): prefix it with `.\`.
  if (!isAbsolute && device === undefined && path.includes(":")) {
    if (tail.length >= 2 && isWindowsDeviceRoot(tail.charCodeAt(0)) && tail.charCodeAt(1) === CHAR_COLON) {
      return `.\\${tail}`;
    }
    let index = path.indexOf(":");
    do {
      if (index === length - 1 || isPathSeparator(path.charCodeAt(index + 1))) return `.\\${tail}`;
    } while ((index = path.indexOf(":", index + 1)) !== -1);
  }

  const colonIndex = path.indexOf(":");
  if (isWindowsReservedName(path, colonIndex)) return `.\\${device ?? ""}${tail}`;
  if (device === undefined) return isAbsolute ? `\\${tail}` : tail;
  return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
}

function win32IsAbsolute(path: string): boolean {
  assertPath(path);
  const length = path.length;
  if (length === 0) return false;
  const code = path.charCodeAt(0);
  return isPathSeparator(code) ||
    // A drive letter followed by a colon and a separator.
    (length > 2 && isWindowsDeviceRoot(code) && path.charCodeAt(1) === CHAR_COLON &&
      isPathSeparator(path.charCodeAt(2)));
}

function win32Join(...paths: string[]): string {
  if (paths.length === 0) return ".";

  let joined: string | undefined;
  let firstPart = "";
  for (const part of paths) {
    assertPath(part);
    if (part.length > 0) {
      if (joined === undefined) {
        joined = firstPart = part;
      } else {
        joined += `\\${part}`;
      }
    }
  }
  if (joined === undefined) return ".";

  // Make sure the joined path does not start with two or more separators by accident, which would
  // read as a UNC root: `join("\\", "\\server")` gives `\server`. Leading separators are kept only
  // when the first non-empty part itself starts a UNC root, that is two separators followed by a
  // non-separator (`join("\\\\server", "share")` stays `\\server\share\`).
  let needsReplace = true;
  let slashCount = 0;
  if (isPathSeparator(firstPart.charCodeAt(0))) {
    ++slashCount;
    const firstLength = firstPart.length;
    if (firstLength > 1 && isPathSeparator(firstPart.charCodeAt(1))) {
      ++slashCount;
      if (firstLength > 2) {
        if (isPathSeparator(firstPart.charCodeAt(2))) {
          ++slashCount;
        } else {
          // A UNC server name follows: keep the leading separators as they are.
          needsReplace = false;
        }
      }
    }
  }
  if (needsReplace) {
    // Find any more consecutive separators to replace.
    while (slashCount < joined.length && isPathSeparator(joined.charCodeAt(slashCount))) slashCount++;
    // Replace the separators when there are two or more.
    if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
  }

  // A segment naming a reserved device with a colon (`CON:x`) is not normalized: only its forward
  // slashes become backslashes, so normalization cannot move the device name.
  let hasReservedSegment = false;
  let segmentStart = 0;
  for (let i = 0; i <= joined.length; i++) {
    if (i === joined.length || isPathSeparator(joined.charCodeAt(i))) {
      if (i > segmentStart) {
        const segment = joined.slice(segmentStart, i);
        const colonIndex = segment.indexOf(":");
        if (colonIndex !== -1 && isWindowsReservedName(segment, colonIndex)) {
          hasReservedSegment = true;
          break;
        }
      }
      segmentStart = i + 1;
    }
  }
  if (hasReservedSegment) return joined.split("/").join("\\");

  return win32Normalize(joined);
}

/**
 * The relative path from `from` to `to`, compared case-insensitively:
 * `relative("C:\\orandea\\test\\aaa", "C:\\orandea\\impl\\bbb")` is `..\\..\\impl\\bbb`.
 */
function win32Relative(from: string, to: string): string {
  assertPath(from);
  assertPath(to);

  if (from === to) return "";

  const fromOriginal = win32Resolve(from);
  const toOriginal = win32Resolve(to);

  if (fromOriginal === toOriginal) return "";

  const fromLower = fromOriginal.toLowerCase();
  const toLower = toOriginal.toLowerCase();

  if (fromLower === toLower) return "";

  if (fromOriginal.length !== fromLower.length || toOriginal.length !== toLower.length) {
    // Lower-casing changed a length (some Unicode characters): compare segment by segment instead of
    // character by character.
    const fromSegments = fromOriginal.split("\\");
    const toSegments = toOriginal.split("\\");
    if (fromSegments[fromSegments.length - 1] === "") fromSegments.pop();
    if (toSegments[toSegments.length - 1] === "") toSegments.pop();

    const fromCount = fromSegments.length;
    const toCount = toSegments.length;
    const shorterCount = fromCount < toCount ? fromCount : toCount;

    let common: number;
    for (common = 0; common < shorterCount; common++) {
      if (fromSegments[common].toLowerCase() !== toSegments[common].toLowerCase()) break;
    }

    if (common === 0) {
      return toOriginal;
    } else if (common === shorterCount) {
      if (toCount > shorterCount) return toSegments.slice(common).join("\\");
      if (fromCount > shorterCount) return "..\\".repeat(fromCount - 1 - common) + "..";
      return "";
    }
    return "..\\".repeat(fromCount - common) + toSegments.slice(common).join("\\");
  }

  // Trim any leading backslashes.
  let fromStart = 0;
  while (fromStart < fromLower.length && fromLower.charCodeAt(fromStart) === CHAR_BACKWARD_SLASH) {
    fromStart++;
  }
  // Trim trailing backslashes (applicable to UNC paths only).
  let fromEnd = fromLower.length;
  while (fromEnd - 1 > fromStart && fromLower.charCodeAt(fromEnd - 1) === CHAR_BACKWARD_SLASH) {
    fromEnd--;
  }
  const fromLength = fromEnd - fromStart;

  // Trim any leading backslashes.
  let toStart = 0;
  while (toStart < toLower.length && toLower.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) {
    toStart++;
  }
  // Trim trailing backslashes (applicable to UNC paths only).
  let toEnd = toLower.length;
  while (toEnd - 1 > toStart && toLower.charCodeAt(toEnd - 1) === CHAR_BACKWARD_SLASH) {
    toEnd--;
  }
  const toLength = toEnd - toStart;

  // Compare the paths to find the longest common path from the root.
  const length = fromLength < toLength ? fromLength : toLength;
  let lastCommonSeparator = -1;
  let i = 0;
  for (; i < length; i++) {
    const fromCode = fromLower.charCodeAt(fromStart + i);
    if (fromCode !== toLower.charCodeAt(toStart + i)) {
      break;
    } else if (fromCode === CHAR_BACKWARD_SLASH) {
      lastCommonSeparator = i;
    }
  }

  // Found a mismatch before the end of the shorter path, and no common separator: the paths share no
  // root (different drives), so `to` is returned whole.
  if (i !== length) {
    if (lastCommonSeparator === -1) return toOriginal;
  } else {
    if (toLength > length) {
      if (toLower.charCodeAt(toStart + i) === CHAR_BACKWARD_SLASH) {
        // `from` is the exact base path of `to`: relative("C:\\foo\\bar", "C:\\foo\\bar\\baz") is "baz".
        return toOriginal.slice(toStart + i + 1);
      }
      if (i === 2) {
        // `from` is a device root: relative("C:\\", "C:\\foo") is "foo".
        return toOriginal.slice(toStart + i);
      }
    }
    if (fromLength > length) {
      if (fromLower.charCodeAt(fromStart + i) === CHAR_BACKWARD_SLASH) {
        // `to` is the exact base path of `from`: relative("C:\\foo\\bar", "C:\\foo") is "..".
        lastCommonSeparator = i;
      } else if (i === 2) {
        // `to` is a device root: relative("C:\\foo", "C:\\") is "..".
        lastCommonSeparator = 3;
      }
    }
    if (lastCommonSeparator === -1) lastCommonSeparator = 0;
  }

  let out = "";
  // Add a `..` for each segment of `from` after the common part.
  for (i = fromStart + lastCommonSeparator + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || fromLower.charCodeAt(i) === CHAR_BACKWARD_SLASH) {
      out += out.length === 0 ? ".." : "\\..";
    }
  }

  toStart += lastCommonSeparator;

  // Append the rest of `to` (in its original case) after the common part.
  if (out.length > 0) return `${out}${toOriginal.slice(toStart, toEnd)}`;

  if (toOriginal.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) ++toStart;
  return toOriginal.slice(toStart, toEnd);
}

function win32Dirname(path: string): string {
  assertPath(path);
  const length = path.length;
  if (length === 0) return ".";
  let rootEnd = -1;
  let end = -1;
  let matchedSlash = true;
  let offset = 0;
  const code = path.charCodeAt(0);

  if (length === 1) {
    // A lone separator is the root; any other single character has no directory.
    return isPathSeparator(code) ? path : ".";
  }

  if (isPathSeparator(code)) {
    // Possible UNC root.
    rootEnd = offset = 1;
    const unc = isPathSeparator(path.charCodeAt(1)) ? uncRoot(path) : null;
    // Only the UNC root was given.
    if (unc && unc.end === length) return path;
    // A UNC root with more after it: offset by 1 to include the separator after the root.
    if (unc) rootEnd = offset = unc.end + 1;
  } else if (isWindowsDeviceRoot(code) && path.charCodeAt(1) === CHAR_COLON) {
    // A drive letter, possibly followed by a separator.
    rootEnd = offset = 2;
    if (length > 2 && isPathSeparator(path.charCodeAt(2))) rootEnd = offset = 3;
  }

  for (let i = length - 1; i >= offset; --i) {
    if (isPathSeparator(path.charCodeAt(i))) {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      // A non-separator: the separator before it ends the directory.
      matchedSlash = false;
    }
  }

  if (end === -1) {
    if (rootEnd === -1) return ".";
    end = rootEnd;
  }
  return path.slice(0, end);
}

function win32Basename(path: string, suffix?: string): string {
  assertOptionalSuffix(suffix);
  assertPath(path);
  let start = 0;
  // Skip a drive letter so that `C:foo.txt` gives `foo.txt`.
  if (path.length >= 2 && isWindowsDeviceRoot(path.charCodeAt(0)) && path.charCodeAt(1) === CHAR_COLON) {
    start = 2;
  }
  return basenameFrom(path, suffix, start, isPathSeparator);
}

function win32Extname(path: string): string {
  assertPath(path);
  let start = 0;
  // Skip a drive letter so that `C:.x` has no extension, as `.x` does not.
  if (path.length >= 2 && path.charCodeAt(1) === CHAR_COLON && isWindowsDeviceRoot(path.charCodeAt(0))) {
    start = 2;
  }
  return extnameFrom(path, start, isPathSeparator);
}

// ---------------------------------------------------------------------------------------------------
// Shared by both flavours: basename and extname differ only in the separators and the start.
// ---------------------------------------------------------------------------------------------------

/**
 * The last segment of `path` at or after `start`, without `suffix` when the segment ends with it (and
 * is not exactly it).
 */
function basenameFrom(
  path: string,
  suffix: string | undefined,
  start: number,
  isSeparator: (code: number) => boolean,
): string {
  let end = -1;
  let matchedSlash = true;

  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return "";
    let suffixIndex = suffix.length - 1;
    let firstNonSlashEnd = -1;
    for (let i = path.length - 1; i >= start; --i) {
      const code = path.charCodeAt(i);
      if (isSeparator(code)) {
        // A separator that is not part of a run of trailing separators ends the segment.
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else {
        if (firstNonSlashEnd === -1) {
          // The first non-separator from the end: the segment ends after it unless the suffix matches.
          matchedSlash = false;
          firstNonSlashEnd = i + 1;
        }
        if (suffixIndex >= 0) {
          // Try to match the suffix, character by character, from its end.
          if (code === suffix.charCodeAt(suffixIndex)) {
            if (--suffixIndex === -1) {
              // The whole suffix matched: the segment ends before it.
              end = i;
            }
          } else {
            // A mismatch: the suffix does not apply.
            suffixIndex = -1;
            end = firstNonSlashEnd;
          }
        }
      }
    }

    if (start === end) {
      end = firstNonSlashEnd;
    } else if (end === -1) {
      end = path.length;
    }
    return path.slice(start, end);
  }

  for (let i = path.length - 1; i >= start; --i) {
    if (isSeparator(path.charCodeAt(i))) {
      // A separator that is not part of a run of trailing separators ends the segment.
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      // The first non-separator from the end: the segment ends after it.
      matchedSlash = false;
      end = i + 1;
    }
  }

  if (end === -1) return "";
  return path.slice(start, end);
}

/** The extension of the last segment of `path` at or after `start`. */
function extnameFrom(path: string, start: number, isSeparator: (code: number) => boolean): string {
  let startDot = -1;
  let startPart = start;
  let end = -1;
  let matchedSlash = true;
  // The state of the characters before the first `.`: 0 (none seen yet), 1 (only `.`), -1 (others).
  let preDotState = 0;
  for (let i = path.length - 1; i >= start; --i) {
    const code = path.charCodeAt(i);
    if (isSeparator(code)) {
      // A separator that is not part of a run of trailing separators ends the segment.
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      // The first non-separator from the end: the extension ends after it.
      matchedSlash = false;
      end = i + 1;
    }
    if (code === CHAR_DOT) {
      // The last `.` of the segment starts the extension.
      if (startDot === -1) {
        startDot = i;
      } else if (preDotState !== 1) {
        preDotState = 1;
      }
    } else if (startDot !== -1) {
      // A non-dot before the extension's `.`: the segment is not made of dots only.
      preDotState = -1;
    }
  }

  if (
    startDot === -1 ||
    end === -1 ||
    // The segment has only the `.` that starts it.
    preDotState === 0 ||
    // The segment is `..`.
    (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)
  ) {
    return "";
  }
  return path.slice(startDot, end);
}

// ---------------------------------------------------------------------------------------------------
// posix
// ---------------------------------------------------------------------------------------------------

/** The working directory as a posix path (on Windows: backslashes turned to slashes, drive dropped). */
function posixCwd(): string {
  const cwd = Deno.cwd();
  if (!isWindows) return cwd;
  const slashed = cwd.replace(/\\/g, "/");
  return slashed.slice(slashed.indexOf("/"));
}

/** A POSIX path with no `.` or `..` segment and no repeated separator: normalising it changes nothing.
 * Most paths this program builds are such (the state folder's, a client's config), and the scoped file
 * system resolves every one of them on every call. */
const NOT_CLEAN = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;

function posixResolve(...paths: string[]): string {
  if (paths.length === 1) {
    // Fast path: an absolute clean path without a trailing separator is its own resolution.
    const p = paths[0];
    if (
      typeof p === "string" && p.charCodeAt(0) === CHAR_FORWARD_SLASH &&
      (p.length === 1 || p.charCodeAt(p.length - 1) !== CHAR_FORWARD_SLASH) && !NOT_CLEAN.test(p)
    ) return p;
  }
  if (paths.length === 0 || (paths.length === 1 && (paths[0] === "" || paths[0] === "."))) {
    // Fast path for the current directory.
    const cwd = posixCwd();
    if (cwd.charCodeAt(0) === CHAR_FORWARD_SLASH) return cwd;
  }

  let resolvedPath = "";
  let resolvedAbsolute = false;

  for (let i = paths.length - 1; i >= 0 && !resolvedAbsolute; i--) {
    const path = paths[i];
    validateString(path, `paths[${i}]`);
    // Skip empty entries.
    if (path.length === 0) continue;
    resolvedPath = `${path}/${resolvedPath}`;
    resolvedAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
  }

  if (!resolvedAbsolute) {
    const cwd = posixCwd();
    resolvedPath = `${cwd}/${resolvedPath}`;
    resolvedAbsolute = cwd.charCodeAt(0) === CHAR_FORWARD_SLASH;
  }

  // The path is not normalized yet: collapse `.`/`..` and repeated separators.
  resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute, "/", isPosixPathSeparator);

  if (resolvedAbsolute) return `/${resolvedPath}`;
  return resolvedPath.length > 0 ? resolvedPath : ".";
}

function posixNormalize(path: string): string {
  assertPath(path);
  if (path.length === 0) return ".";
  if (!NOT_CLEAN.test(path)) return path;

  const isAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
  const trailingSeparator = path.charCodeAt(path.length - 1) === CHAR_FORWARD_SLASH;

  let normalized = normalizeString(path, !isAbsolute, "/", isPosixPathSeparator);
  if (normalized.length === 0 && !isAbsolute) normalized = ".";
  if (normalized.length > 0 && trailingSeparator) normalized += "/";

  return isAbsolute ? `/${normalized}` : normalized;
}

function posixIsAbsolute(path: string): boolean {
  assertPath(path);
  return path.length > 0 && path.charCodeAt(0) === CHAR_FORWARD_SLASH;
}

function posixJoin(...paths: string[]): string {
  if (paths.length === 0) return ".";
  let joined: string | undefined;
  for (const part of paths) {
    assertPath(part);
    if (part.length > 0) {
      if (joined === undefined) {
        joined = part;
      } else {
        joined += `/${part}`;
      }
    }
  }
  if (joined === undefined) return ".";
  return posixNormalize(joined);
}

/** The relative path from `from` to `to`: `relative("/data/orandea/test/aaa", "/data/orandea/impl/bbb")` is `../../impl/bbb`. */
function posixRelative(from: string, to: string): string {
  assertPath(from);
  assertPath(to);

  if (from === to) return "";

  from = posixResolve(from);
  to = posixResolve(to);

  if (from === to) return "";

  // Both are absolute now: skip their leading `/`.
  const fromStart = 1;
  const fromEnd = from.length;
  const fromLength = fromEnd - fromStart;
  const toStart = 1;
  const toLength = to.length - toStart;

  // Compare the paths to find the longest common path from the root.
  const length = fromLength < toLength ? fromLength : toLength;
  let lastCommonSeparator = -1;
  let i = 0;
  for (; i < length; i++) {
    const fromCode = from.charCodeAt(fromStart + i);
    if (fromCode !== to.charCodeAt(toStart + i)) {
      break;
    } else if (fromCode === CHAR_FORWARD_SLASH) {
      lastCommonSeparator = i;
    }
  }
  if (i === length) {
    if (toLength > length) {
      if (to.charCodeAt(toStart + i) === CHAR_FORWARD_SLASH) {
        // `from` is the exact base path of `to`: relative("/foo/bar", "/foo/bar/baz") is "baz".
        return to.slice(toStart + i + 1);
      }
      if (i === 0) {
        // `from` is the root: relative("/", "/foo") is "foo".
        return to.slice(toStart + i);
      }
    } else if (fromLength > length) {
      if (from.charCodeAt(fromStart + i) === CHAR_FORWARD_SLASH) {
        // `to` is the exact base path of `from`: relative("/foo/bar/baz", "/foo/bar") is "..".
        lastCommonSeparator = i;
      } else if (i === 0) {
        // `to` is the root: relative("/foo", "/") is "..".
        lastCommonSeparator = 0;
      }
    }
  }

  let out = "";
  // Add a `..` for each segment of `from` after the common part.
  for (i = fromStart + lastCommonSeparator + 1; i <= fromEnd; ++i) {
    if (i === fromEnd || from.charCodeAt(i) === CHAR_FORWARD_SLASH) {
      out += out.length === 0 ? ".." : "/..";
    }
  }

  // Append the rest of `to` after the common part.
  return `${out}${to.slice(toStart + lastCommonSeparator)}`;
}

function posixDirname(path: string): string {
  assertPath(path);
  if (path.length === 0) return ".";
  const hasRoot = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
  let end = -1;
  let matchedSlash = true;
  for (let i = path.length - 1; i >= 1; --i) {
    if (path.charCodeAt(i) === CHAR_FORWARD_SLASH) {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      // A non-separator: the separator before it ends the directory.
      matchedSlash = false;
    }
  }

  if (end === -1) return hasRoot ? "/" : ".";
  if (hasRoot && end === 1) return "//";
  return path.slice(0, end);
}

function posixBasename(path: string, suffix?: string): string {
  assertOptionalSuffix(suffix);
  assertPath(path);
  return basenameFrom(path, suffix, 0, isPosixPathSeparator);
}

function posixExtname(path: string): string {
  assertPath(path);
  return extnameFrom(path, 0, isPosixPathSeparator);
}

// ---------------------------------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------------------------------

/** Windows paths: `\` (and `/`) separators, drive letters, UNC roots. */
export const win32: PathApi = Object.freeze({
  sep: "\\",
  delimiter: ";",
  resolve: win32Resolve,
  normalize: win32Normalize,
  isAbsolute: win32IsAbsolute,
  join: win32Join,
  relative: win32Relative,
  dirname: win32Dirname,
  basename: win32Basename,
  extname: win32Extname,
});

/** POSIX paths: `/` separators. */
export const posix: PathApi = Object.freeze({
  sep: "/",
  delimiter: ":",
  resolve: posixResolve,
  normalize: posixNormalize,
  isAbsolute: posixIsAbsolute,
  join: posixJoin,
  relative: posixRelative,
  dirname: posixDirname,
  basename: posixBasename,
  extname: posixExtname,
});

/** The flavour of the running OS, as `node:path` picks it. */
const native: PathApi = isWindows ? win32 : posix;

export const sep: "/" | "\\" = native.sep;
export const delimiter: ":" | ";" = native.delimiter;
export const resolve: PathApi["resolve"] = native.resolve;
export const normalize: PathApi["normalize"] = native.normalize;
export const isAbsolute: PathApi["isAbsolute"] = native.isAbsolute;
export const join: PathApi["join"] = native.join;
export const relative: PathApi["relative"] = native.relative;
export const dirname: PathApi["dirname"] = native.dirname;
export const basename: PathApi["basename"] = native.basename;
export const extname: PathApi["extname"] = native.extname;
