import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3ImageStorage } from './s3-image-storage.js';
import { sha256Hex, signRequest } from './sigv4.js';

const credentials = {
  accessKeyId: 'AKTEST',
  secretAccessKey: 'secret/key',
  region: 'eu-west-1',
  service: 's3',
};
const objects = new Map<string, { body: Buffer; type: string }>();
const seen: string[] = [];
let endpoint = '';

/** A bucket on loopback that checks every request's SigV4 signature the way S3 does, by recomputing it. */
function verified(request: IncomingMessage, body: Buffer): boolean {
  const authorization = request.headers.authorization ?? '';
  const signedNames = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const amzDate = String(request.headers['x-amz-date']);
  const date = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const extra = Object.fromEntries(
    signedNames
      .filter((name) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name))
      .map((name) => [name, String(request.headers[name])]),
  );
  const expected = signRequest(
    {
      method: request.method!,
      url: new URL(request.url!, `http://${request.headers.host}`),
      headers: extra,
      payloadHash: sha256Hex(body),
    },
    credentials,
    date,
  );
  return (
    expected.authorization === authorization && request.headers['x-amz-content-sha256'] === sha256Hex(body)
  );
}

const server = createServer(async (request, response) => {
  const body = Buffer.concat(await request.toArray());
  seen.push(`${request.method} ${request.url}`);
  if (!verified(request, body)) return response.writeHead(403).end('SignatureDoesNotMatch');
  const key = request.url!;
  if (request.method === 'PUT') {
    objects.set(key, { body, type: String(request.headers['content-type']) });
    return response.writeHead(200).end();
  }
  if (request.method === 'DELETE') {
    objects.delete(key);
    return response.writeHead(204).end();
  }
  const object = objects.get(key);
  if (!object) return response.writeHead(404).end('NoSuchKey');
  response
    .writeHead(200, { 'content-type': object.type, 'content-length': object.body.length })
    .end(object.body);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const key = '0195f3a0-1111-7000-8000-000000000001/0123456789abcdef0123456789abcdef/480.webp';

describe('S3 image storage', () => {
  it('puts, gets and deletes objects with signed path-style requests', async () => {
    const storage = createS3ImageStorage({
      endpoint,
      bucket: 'images',
      forcePathStyle: true,
      ...credentials,
    });
    await storage.put(key, Buffer.from('webp bytes'), 'image/webp');
    expect(seen.at(-1)).toBe(`PUT /images/${key}`);
    const stored = await storage.get(key);
    expect(stored).toMatchObject({ contentType: 'image/webp', size: 10 });
    expect(await text(stored!.body)).toBe('webp bytes');
    await storage.delete([key]);
    expect(await storage.get(key)).toBeUndefined();
  });

  it('fails loudly when the store refuses the signature', async () => {
    const storage = createS3ImageStorage({
      endpoint,
      bucket: 'images',
      forcePathStyle: true,
      ...credentials,
      secretAccessKey: 'wrong',
    });
    await expect(storage.put(key, Buffer.from('x'), 'image/webp')).rejects.toThrow(/403/);
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/not an image key/);
  });
});
