import { request, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, gunzipped when it came gzipped. */
  text: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: any;
}

/**
 * A raw HTTP request (node:http, not fetch), so headers such as Authorization,
 * Content-Encoding or a forged X-Forwarded-For go out exactly as written.
 */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    const req = request(url, { method, headers }, res => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const gzipped = res.headers["content-encoding"] === "gzip";
        const text = (gzipped ? gunzipSync(raw) : raw).toString("utf8");
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON: the test says so */
        }
        done({ status: res.statusCode!, headers: res.headers, text, json });
      });
    });
    req.on("error", fail);
    req.end(body);
  });
}
