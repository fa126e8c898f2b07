import { describe, expect, it } from 'vitest';
import { defineEvent } from './define-event.js';
import { createEnvelope, EventPayloadError } from './envelope.js';
import { eventCatalog, eventDefinitionOf } from './event-catalog.js';
import { inventoryLowStock } from './inventory-events.js';
import { orderCreated } from './order-events.js';
import { parseAnyEnvelope, parseEnvelope, parseEnvelopeOf } from './parse-envelope.js';

const lowStock = {
  sku: 'SKU-1',
  warehouseId: 'eu-1',
  available: 2,
  threshold: 5,
  detectedAt: '2026-01-02T03:04:05.000Z',
};
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('event envelopes', () => {
  it('wraps a payload in a CloudEvents 1.0 envelope with a UUIDv7 id, version and trace context', () => {
    const envelope = createEnvelope(inventoryLowStock, { subject: 'SKU-1', data: lowStock, traceparent });
    expect(envelope).toMatchObject({
      specversion: '1.0',
      source: '/emporium/inventory',
      type: 'inventory.low_stock',
      subject: 'SKU-1',
      datacontenttype: 'application/json',
      dataschema: 'urn:emporium:event:inventory.low_stock:v1',
      dataversion: 1,
      traceparent,
      data: lowStock,
    });
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.isNaN(Date.parse(envelope.time))).toBe(false);
  });

  it('refuses to build an envelope whose payload breaks the contract', () => {
    expect(() =>
      createEnvelope(inventoryLowStock, { subject: 'SKU-1', data: { ...lowStock, available: -1 } }),
    ).toThrow(EventPayloadError);
    expect(() =>
      createEnvelope(inventoryLowStock, { subject: 'SKU-1', data: { ...lowStock, extra: true } as never }),
    ).toThrow(/additional properties/);
  });

  it('parses what it produced, from an object, a string or bytes', () => {
    const envelope = createEnvelope(inventoryLowStock, { subject: 'SKU-1', data: lowStock });
    const text = JSON.stringify(envelope);
    for (const raw of [envelope, text, Buffer.from(text)]) {
      const parsed = parseEnvelope(inventoryLowStock, raw);
      expect(parsed.ok && parsed.envelope.data.threshold).toBe(5);
    }
  });

  it('reports why a message is poison: not JSON, not an envelope, wrong type, version or payload', () => {
    const envelope = createEnvelope(inventoryLowStock, { subject: 'SKU-1', data: lowStock });
    const cases: Array<[unknown, RegExp]> = [
      ['{not json', /not JSON/],
      [{ hello: 'world' }, /specversion|required/],
      [{ ...envelope, type: 'order.created' }, /is not one of inventory.low_stock/],
      [{ ...envelope, dataversion: 2 }, /version 2 is not the supported 1/],
      [{ ...envelope, data: { ...lowStock, sku: 7 } }, /data\/sku/],
      [{ ...envelope, traceparent: 'nope' }, /traceparent/],
    ];
    for (const [raw, reason] of cases) {
      const parsed = parseEnvelope(inventoryLowStock, raw as object);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors.join('; ')).toMatch(reason);
    }
    expect(parseAnyEnvelope({ ...envelope, type: 'order.created' }).ok).toBe(true);
    expect(parseEnvelopeOf([orderCreated, inventoryLowStock], envelope).ok).toBe(true);
  });

  it('checks definitions when they are made', () => {
    const payload = orderCreated.payload;
    expect(() => defineEvent({ ...orderCreated, type: 'OrderCreated' })).toThrow(/<entity>.<past_verb>/);
    expect(() => defineEvent({ ...orderCreated, version: 0 })).toThrow(/version/);
    expect(() =>
      defineEvent({ ...orderCreated, payload: { ...payload, additionalProperties: true } as typeof payload }),
    ).toThrow(/additionalProperties/);
  });

  it('has one definition per type, each with a producer, consumers and a versioned payload', () => {
    expect(new Set(eventCatalog.map((d) => d.type)).size).toBe(eventCatalog.length);
    for (const definition of eventCatalog) {
      expect(eventDefinitionOf(definition.type)).toBe(definition);
      expect(definition.consumers.length).toBeGreaterThan(0);
      expect(definition.consumers).not.toContain(definition.producer);
    }
    const names = eventCatalog.map((d) => d.type);
    for (const seed of [
      'order.created',
      'order.updated',
      'order.cancelled',
      'order.completed',
      'inventory.updated',
      'inventory.low_stock',
      'inventory.out_of_stock',
      'payment.initiated',
      'payment.completed',
      'payment.failed',
      'payment.refunded',
      'user.registered',
      'user.updated',
      'user.deleted',
    ]) {
      expect(names).toContain(seed);
    }
  });
});
