import { request } from "node:http";

/** What {@link rawRequest} sends: any Host / Origin, which `fetch` does not let a test set. */
export interface RawRequest {
  port: number;
  path: string;
  method?: "GET" | "POST";
  /** The `Host` header, sent exactly as given. */
  host: string;
  origin?: string;
  token?: string;
  body?: string;
  /** Address to connect to. Default 127.0.0.1. */
  address?: string;
}

/** The status, headers and text of a response to a {@link RawRequest}. */
export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Sends one HTTP/1.1 request with node's `http.request`, so the `Host` header can be anything a
 * browser under DNS rebinding would send. Streams (SSE) are cut after their headers.
 */
export function rawRequest(r: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = { host: r.host };
  if (r.origin !== undefined) headers.origin = r.origin;
  if (r.token !== undefined) headers.authorization = `Bearer ${r.token}`;
  if (r.body !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const req = request(
      { host: r.address ?? "127.0.0.1", port: r.port, path: r.path, method: r.method ?? "GET" },
      (res) => {
        const contentType = String(res.headers["content-type"] ?? "");
        const answer = (text: string) =>
          resolve({ status: res.statusCode ?? 0, contentType, text });
        if (contentType.startsWith("text/event-stream")) {
          res.destroy();
          answer("");
          return;
        }
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => answer(text));
      },
    );
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.on("error", reject);
    req.end(r.body);
  });
}
