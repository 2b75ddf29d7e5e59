/**
 * Server-sent events from a byte stream: `event:` / `data:` lines, a blank line ends an event.
 *
 * @example
 * for await (const ev of sseEvents(response.body!)) console.log(ev.event, ev.data);
 */

export interface SseEvent {
  event: string;
  data: string;
}

/** An event longer than the limit: the stream is not read further. */
export class SseTooLong extends Error {
  constructor(max: number) {
    super(`an event of the stream is longer than ${max} characters`);
    this.name = "SseTooLong";
  }
}

/** The longest event read (a longer one ends the stream with an error, it is not buffered). */
export const MAX_EVENT = 8 * 1024 * 1024;

/** The events of `stream`, in order, until it ends. Linear in the bytes read: only new text is searched
 * for a line end. */
export async function* sseEvents(
  stream: ReadableStream<Uint8Array>,
  max = MAX_EVENT,
): AsyncGenerator<SseEvent> {
  const dec = new TextDecoder();
  let parts: string[] = [];
  let size = 0;
  let event = "message";
  let data: string[] = [];
  let dataSize = 0;
  let afterCr = false;
  const tooLong = () => new SseTooLong(max);
  const line = (l: string): SseEvent | null => {
    if (l === "") {
      const ev = data.length > 0 ? { event, data: data.join("\n") } : null;
      event = "message";
      data = [];
      dataSize = 0;
      return ev;
    }
    if (l.startsWith(":")) return null;
    const c = l.indexOf(":");
    const field = c < 0 ? l : l.slice(0, c);
    const value = c < 0 ? "" : l.slice(c + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") {
      dataSize += value.length + 1;
      if (dataSize > max) throw tooLong();
      data.push(value);
    }
    return null;
  };
  for await (const chunk of stream) {
    const text = dec.decode(chunk, { stream: true });
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      if (ch === 10 && afterCr && i === start && parts.length === 0 && size === 0) {
        // The \n of a \r\n split across chunks (or right after a \r): the line already ended.
        afterCr = false;
        start = i + 1;
        continue;
      }
      parts.push(text.slice(start, i));
      const ev = line(parts.join(""));
      parts = [];
      size = 0;
      afterCr = ch === 13;
      if (ch === 13 && text.charCodeAt(i + 1) === 10) {
        i++;
        afterCr = false;
      }
      start = i + 1;
      if (ev) yield ev;
    }
    if (start < text.length) {
      afterCr = false;
      size += text.length - start;
      if (size > max) throw tooLong();
      parts.push(text.slice(start));
    }
  }
  if (data.length > 0) yield { event, data: data.join("\n") };
}
