import type { Json } from '@emporium/platform/testing/http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandal } from './support/products.js';
import { type ProductUnderTest, startProduct } from './support/start-product.js';

let product: ProductUnderTest;
let id: string;
let adminAuth: Record<string, string>;

beforeAll(async () => {
  // A small limit, so "too large" is cheap to reach.
  product = await startProduct({ MAX_IMAGE_BYTES: String(200 * 1024) });
  adminAuth = await product.service.identity.bearer({ sub: 'admin-1', roles: ['admin'] });
  id = (await product.admin('POST', '/api/v1/products', sandal('trail', { status: 'active' }))).body.id;
});
afterAll(async () => {
  await product?.stop();
});

/** A real PNG made here, 1600×1000, so every rendition is a true downscale. */
const png = (colour = { r: 200, g: 40, b: 40 }) =>
  sharp({ create: { width: 1600, height: 1000, channels: 3, background: colour } })
    .png()
    .toBuffer();

async function upload(
  file: Buffer | string,
  name: string,
  type: string,
  headers = adminAuth,
  field = 'file',
) {
  const form = new FormData();
  form.append(field, new Blob([file], { type }), name);
  const response = await fetch(`${product.service.url}/api/v1/products/${id}/images?alt=Red%20sandal`, {
    method: 'POST',
    body: form,
    headers,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

describe('product images', () => {
  it('refuses a text file named .png: the content decides, not the name or the declared type', async () => {
    const refused = await upload('definitely not a picture', 'photo.png', 'image/png');
    expect([refused.status, refused.body.code]).toEqual([415, 'IMAGE_UNSUPPORTED']);
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    const script = await upload(svg, 'logo.svg', 'image/svg+xml');
    expect([script.status, script.body.code]).toEqual([415, 'IMAGE_UNSUPPORTED']);
    expect((await product.admin('GET', `/api/v1/products/${id}`)).body.images).toEqual([]);
  });

  it('refuses a file larger than the configured size, and requests that are not one file part', async () => {
    const noise = await sharp(
      Buffer.from(Array.from({ length: 400 * 400 * 3 }, (_, i) => (i * 7919) % 251)),
      {
        raw: { width: 400, height: 400, channels: 3 },
      },
    )
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(noise.length).toBeGreaterThan(200 * 1024);
    const big = await upload(noise, 'big.png', 'image/png');
    expect([big.status, big.body.code]).toEqual([413, 'IMAGE_TOO_LARGE']);
    const wrongField = await upload(await png(), 'a.png', 'image/png', adminAuth, 'picture');
    expect([wrongField.status, wrongField.body.code]).toEqual([400, 'IMAGE_REQUIRED']);
    const json = await product.admin('POST', `/api/v1/products/${id}/images`, {
      url: 'http://169.254.169.254/',
    });
    expect([json.status, json.body.code]).toEqual([400, 'IMAGE_REQUIRED']);
    const customer = await product.service.identity.bearer({ sub: 'c-1', roles: ['customer'] });
    expect((await upload(await png(), 'a.png', 'image/png', customer)).status).toBe(403);
  });

  it('accepts a real PNG whatever its name, stores WebP renditions and adds the image to the document', async () => {
    const original = await png();
    const added = await upload(original, 'upload.bin', 'application/octet-stream');
    expect(added.status).toBe(201);
    const { image } = added.body;
    expect(image).toMatchObject({ alt: 'Red sandal', width: 1600, height: 1000 });
    expect(image.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(image.urls)).toEqual(['160', '480', '1024']);
    expect(added.body.product.imageUrl).toBe(image.urls['480']);

    const stored = (await product.anonymous('GET', `/api/v1/products/${id}`)).body;
    expect(stored.images).toEqual([image]);
    const [event] = await product.sql<{ data: { images: unknown[]; imageUrl: string } }>(
      `select envelope->'data' as data from product.outbox where aggregate_id = $1 order by sequence desc limit 1`,
      [id],
    );
    expect(event!.data).toMatchObject({ images: [image], imageUrl: image.urls['480'] });

    const again = await upload(original, 'again.png', 'image/png');
    expect(again.body.product.images).toHaveLength(1);
  });

  it('serves each rendition as WebP of its size, with immutable cache headers and an ETag', async () => {
    const { images } = (await product.anonymous('GET', `/api/v1/products/${id}`)).body;
    for (const [size, url] of Object.entries(images[0].urls as Record<string, string>)) {
      const response = await fetch(`${product.service.url}${url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const etag = response.headers.get('etag')!;
      const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(metadata.format).toBe('webp');
      expect(Math.max(metadata.width!, metadata.height!)).toBe(Number(size));
      const revalidated = await fetch(`${product.service.url}${url}`, { headers: { 'if-none-match': etag } });
      expect(revalidated.status).toBe(304);
    }
    const missing = await product.anonymous('GET', `/api/v1/products/${id}/images/${'0'.repeat(32)}/480`);
    expect([missing.status, missing.body.code]).toEqual([404, 'IMAGE_NOT_FOUND']);
    expect((await product.anonymous('GET', `/api/v1/products/${id}/images/${images[0].id}/333`)).status).toBe(
      404,
    );
    expect((await product.anonymous('GET', `/api/v1/products/${id}/images/..%2f..%2fetc/480`)).status).toBe(
      400,
    );
  });

  it('removes an image from the document and its files from storage', async () => {
    const { images } = (await product.admin('GET', `/api/v1/products/${id}`)).body;
    const removed = await product.admin('DELETE', `/api/v1/products/${id}/images/${images[0].id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ images: [], imageUrl: null });
    expect((await fetch(`${product.service.url}${images[0].urls['160']}`)).status).toBe(404);
  });
});
