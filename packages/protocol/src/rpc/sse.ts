/** One Server-Sent Events message. */
export interface SseMessage {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * An incremental Server-Sent Events parser (the HTML standard's algorithm, minus `retry`): feed it
 * text chunks as they arrive, split anywhere; it returns the messages completed so far.
 *
 * @example
 * ```ts
 * const parser = createSseParser();
 * parser.feed("data: {\"seq\":1}\n\n"); // [{ event: "message", data: '{"seq":1}', id: undefined }]
 * ```
 */
export function createSseParser(): { feed(chunk: string): SseMessage[] } {
  let buffer = "";
  let data: string[] = [];
  let event = "";
  let id: string | undefined;
  return {
    feed(chunk) {
      buffer += chunk;
      const out: SseMessage[] = [];
      for (;;) {
        const end = buffer.search(/\r\n|\r|\n/);
        // A lone \r at the end may be the first half of \r\n: wait for more.
        if (end < 0 || (buffer[end] === "\r" && end === buffer.length - 1)) break;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith("\r\n", end) ? 2 : 1));
        if (line === "") {
          if (data.length > 0) out.push({ event: event || "message", data: data.join("\n"), id });
          data = [];
          event = "";
          continue;
        }
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "data") data.push(value);
        else if (field === "event") event = value;
        else if (field === "id") id = value;
      }
      return out;
    },
  };
}
