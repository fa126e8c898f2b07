/** Parsed JSON, left untyped on purpose: tests assert on its shape. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes and assert on them
export type Json = any;

export interface TestResponse {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

/** A small fetch wrapper for suites that talk to a running service over a real socket. */
export function httpClient(baseUrl: string, defaults: Record<string, string> = {}) {
  return async function send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...defaults,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: Json = text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
}
