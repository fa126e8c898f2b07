import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render-template.js';

const source = {
  subject: 'Hello {{ name }}\n',
  html: '<p>Hi {{name}}, order <b>{{order.number}}</b> of {{order.items}} items.</p>',
  text: 'Hi {{name}}, order {{order.number}} of {{order.items}} items.',
};

describe('renderTemplate', () => {
  it('fills placeholders and nested paths', () => {
    const message = renderTemplate(source, { name: 'Ada', order: { number: 'EM-1001', items: 3 } });
    expect(message).toEqual({
      subject: 'Hello Ada',
      html: '<p>Hi Ada, order <b>EM-1001</b> of 3 items.</p>',
      text: 'Hi Ada, order EM-1001 of 3 items.',
    });
  });

  it('escapes values in the HTML body only, and keeps the subject on one line', () => {
    const message = renderTemplate(source, {
      name: `<script>alert("x")</script> & 'co'\r\nBcc: victim@example.com`,
      order: { number: '<b>1</b>', items: 1 },
    });
    expect(message.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;\r\nBcc: victim@example.com',
    );
    expect(message.html).toContain('<b>&lt;b&gt;1&lt;/b&gt;</b>');
    expect(message.html).not.toContain('<script>');
    expect(message.text).toContain(`<script>alert("x")</script> & 'co'`);
    expect(message.subject).toBe(`Hello <script>alert("x")</script> & 'co' Bcc: victim@example.com`);
  });

  it('refuses to render with a value missing, an object, or an inherited property', () => {
    expect(() => renderTemplate(source, { name: 'Ada', order: { number: 'EM-1' } })).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_DATA_MISSING', extensions: { missing: ['order.items'] } }),
    );
    expect(() => renderTemplate(source, { name: { first: 'Ada' }, order: { number: 1, items: 1 } })).toThrow(
      expect.objectContaining({ extensions: { missing: ['name'] } }),
    );
    expect(() =>
      renderTemplate({ subject: '{{name.constructor}}', html: '', text: '' }, { name: 'Ada' }),
    ).toThrow(expect.objectContaining({ code: 'TEMPLATE_DATA_MISSING' }));
  });
});
