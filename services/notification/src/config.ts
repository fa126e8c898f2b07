import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const NotificationConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8090 }),
    /** Folder of `<template>/<locale>/{subject.txt,body.html,body.txt}`; defaults to the service's own `templates/`. */
    templatesDir: Type.Optional(Type.String({ minLength: 1 })),
    /** Used when a template has no version in the recipient's locale. */
    defaultLocale: Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', default: 'en' }),
  },
  { additionalProperties: false },
);
