import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemplateSource } from '../domain/render-template.js';

export interface ResolvedTemplate {
  name: string;
  /** The locale actually used, after falling back. */
  locale: string;
  source: TemplateSource;
}

export interface TemplateStore {
  list: () => Array<{ name: string; locales: string[] }>;
  /** `de-AT` falls back to `de`, then to the default locale; undefined when the template does not exist. */
  resolve: (name: string, locale: string) => ResolvedTemplate | undefined;
}

const templateName = /^[a-z0-9][a-z0-9-]*$/;
const localeName = /^[a-z]{2}(-[A-Z]{2})?$/;

async function subfolders(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && pattern.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Reads every `<template>/<locale>/{subject.txt,body.html,body.txt[,short.txt]}` once at
 * start, so a missing file stops the service at boot rather than at the first
 * order, and rendering never touches the disk.
 */
export async function loadTemplates(dir: string, defaultLocale: string): Promise<TemplateStore> {
  const templates = new Map<string, Map<string, TemplateSource>>();
  for (const name of await subfolders(dir, templateName)) {
    const locales = new Map<string, TemplateSource>();
    for (const locale of await subfolders(join(dir, name), localeName)) {
      const read = (file: string) => readFile(join(dir, name, locale, file), 'utf8');
      const [subject, html, text, short] = await Promise.all([
        read('subject.txt'),
        read('body.html'),
        read('body.txt'),
        read('short.txt').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          throw error;
        }),
      ]);
      locales.set(locale, { subject, html, text, short });
    }
    if (!locales.has(defaultLocale)) {
      throw new Error(`template "${name}" has no version in the default locale "${defaultLocale}"`);
    }
    templates.set(name, locales);
  }

  return {
    list: () => [...templates].map(([name, locales]) => ({ name, locales: [...locales.keys()] })),
    resolve: (name, locale) => {
      const locales = templates.get(name);
      if (!locales) return undefined;
      for (const candidate of [locale, locale.split('-')[0]!, defaultLocale]) {
        const source = locales.get(candidate);
        if (source) return { name, locale: candidate, source };
      }
      return undefined;
    },
  };
}
