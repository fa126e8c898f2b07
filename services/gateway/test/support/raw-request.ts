import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A request through `node:http`, which (unlike fetch) lets a test send
 * hop-by-hop headers and a chunked body of its choosing.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    chunks?: Buffer[];
    /** Sent as written, where a URL would normalise it (`..` segments). */
    path?: string;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const settings = {
      method: options.method ?? 'GET',
      headers: options.headers,
      ...(options.path ? { path: options.path } : {}),
    };
    const req = request(url, settings, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}
