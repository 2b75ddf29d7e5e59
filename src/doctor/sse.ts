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

/** The events of `stream`, in order, until it ends. */
export async function* sseEvents(stream: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const dec = new TextDecoder();
  let buf = "";
  let event = "message";
  let data: string[] = [];
  for await (const chunk of stream) {
    buf += dec.decode(chunk, { stream: true });
    let i;
    while ((i = buf.search(/\r?\n|\r/)) >= 0) {
      const m = /\r?\n|\r/.exec(buf.slice(i))!;
      const line = buf.slice(0, i);
      buf = buf.slice(i + m[0].length);
      if (line === "") {
        if (data.length > 0) yield { event, data: data.join("\n") };
        event = "message";
        data = [];
      } else if (!line.startsWith(":")) {
        const c = line.indexOf(":");
        const field = c < 0 ? line : line.slice(0, c);
        const value = c < 0 ? "" : line.slice(c + 1).replace(/^ /, "");
        if (field === "event") event = value;
        else if (field === "data") data.push(value);
      }
    }
  }
  if (data.length > 0) yield { event, data: data.join("\n") };
}
