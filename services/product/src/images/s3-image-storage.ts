import { Readable } from 'node:stream';
import { assertImageKey, type ImageStorage } from './image-storage.js';
import { sha256Hex, signRequest } from './sigv4.js';

export interface S3Settings {
  /** `https://s3.eu-west-1.amazonaws.com`, `http://minio:9000`, ... */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` when true, `bucket.endpoint/key` otherwise. */
  forcePathStyle: boolean;
  timeoutMs?: number;
}

/**
 * Images in an S3-compatible bucket, over the S3 REST API (PutObject,
 * GetObject, DeleteObject) signed with SigV4: AWS S3, MinIO, Ceph RGW,
 * Cloudflare R2, ... No SDK: three calls do not need one. Objects are
 * immutable and content-addressed, so a retried PUT is harmless.
 */
export function createS3ImageStorage(settings: S3Settings): ImageStorage {
  const endpoint = new URL(settings.endpoint);
  const credentials = {
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: settings.region,
    service: 's3',
  };
  const urlOf = (key: string) => {
    assertImageKey(key);
    const base = new URL(endpoint);
    if (settings.forcePathStyle)
      base.pathname = `${base.pathname.replace(/\/$/, '')}/${settings.bucket}/${key}`;
    else {
      base.hostname = `${settings.bucket}.${base.hostname}`;
      base.pathname = `/${key}`;
    }
    return base;
  };

  async function send(method: string, key: string, body?: Buffer, headers: Record<string, string> = {}) {
    const url = urlOf(key);
    const signed = signRequest({ method, url, headers, payloadHash: sha256Hex(body ?? '') }, credentials);
    const { host: _, ...sendable } = signed; // fetch sets Host from the URL, to the same value
    return fetch(url, {
      method,
      headers: sendable,
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    });
  }

  const failure = async (what: string, response: Response) =>
    new Error(`S3 ${what} failed: ${response.status} ${(await response.text()).slice(0, 200)}`);

  return {
    async put(key, body, contentType) {
      const response = await send('PUT', key, body, {
        'content-type': contentType,
        'cache-control': 'public, max-age=31536000, immutable',
      });
      if (!response.ok) throw await failure('PutObject', response);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send('GET', key);
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok || !response.body) throw await failure('GetObject', response);
      const length = response.headers.get('content-length');
      return {
        body: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
        contentType: response.headers.get('content-type') ?? 'image/webp',
        size: length ? Number(length) : undefined,
      };
    },
    async delete(keys) {
      for (const key of keys) {
        const response = await send('DELETE', key);
        if (!response.ok && response.status !== 404) throw await failure('DeleteObject', response);
        await response.body?.cancel();
      }
    },
  };
}
