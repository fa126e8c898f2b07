import { notificationErrors } from '../domain/errors.js';
import { type RenderedMessage, renderTemplate, type TemplateData } from '../domain/render-template.js';
import type { NotificationDeps } from './deps.js';

/** Renders a template with sample values, exactly as a message would be, without sending anything. */
export function previewTemplate(
  deps: NotificationDeps,
  input: { template: string; locale?: string; data: TemplateData },
): RenderedMessage & { template: string; locale: string } {
  const resolved = deps.templates.resolve(input.template, input.locale ?? deps.defaultLocale);
  if (!resolved) throw notificationErrors.TEMPLATE_NOT_FOUND(`no template "${input.template}"`);
  return { template: resolved.name, locale: resolved.locale, ...renderTemplate(resolved.source, input.data) };
}
