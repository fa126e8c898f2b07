import { notificationErrors } from './errors.js';

/** A template in one locale, as read from its files; `short` (one line, for SMS and push) is optional. */
export interface TemplateSource {
  subject: string;
  html: string;
  text: string;
  short?: string | undefined;
}

export type RenderedMessage = TemplateSource;

export type TemplateData = Record<string, unknown>;

const placeholder = /\{\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}\}/g;

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => htmlEntities[c]!);

/** `order.number` → data.order.number; own properties only, so `constructor` or `__proto__` read nothing. */
function lookup(data: TemplateData, path: string): string | undefined {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function placeholdersOf(source: TemplateSource): string[] {
  const names = [source.subject, source.html, source.text, source.short ?? ''].flatMap((part) =>
    [...part.matchAll(placeholder)].map((match) => match[1]!),
  );
  return [...new Set(names)];
}

/**
 * Fills `{{name}}` and `{{a.b}}` placeholders. Values are escaped in the HTML
 * body, taken as they are in the text body, and kept on one line in the
 * subject (a line break there would start a new mail header). A placeholder
 * with no value is an error, never an empty string in a customer's inbox.
 */
export function renderTemplate(source: TemplateSource, data: TemplateData): RenderedMessage {
  const missing = placeholdersOf(source).filter((name) => lookup(data, name) === undefined);
  if (missing.length > 0) {
    throw notificationErrors.TEMPLATE_DATA_MISSING(`no value for ${missing.join(', ')}`, { missing });
  }
  const fill = (part: string, encode: (value: string) => string) =>
    part.replace(placeholder, (_match, name: string) => encode(lookup(data, name)!));
  const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');
  return {
    subject: fill(source.subject, oneLine).trim(),
    html: fill(source.html, escapeHtml),
    text: fill(source.text, (value) => value),
    ...(source.short === undefined ? {} : { short: fill(source.short, oneLine).trim() }),
  };
}
