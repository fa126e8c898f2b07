import type { Logger } from '@emporium/platform/log/logger';
import type { ConfigDb } from '../db/database.js';
import { type DocumentKey, latestDocument, latestVersions } from '../db/documents.repo.js';
import type { ConfigDocument } from '../domain/document.js';
import type { Profile } from '../domain/profiles.js';

export type ChangeListener = (document: ConfigDocument) => void;

export interface ConfigChangeHub {
  /** Calls `listener` with each new version of this document; `onClose` when the hub shuts down. */
  subscribe(key: DocumentKey, listener: ChangeListener, onClose: () => void): () => void;
  /** A version this replica wrote: delivered at once, without waiting for the poll. */
  publish(document: ConfigDocument): void;
  close(): void;
}

/**
 * Fans new versions out to the event streams open on this replica. Versions
 * written here are delivered at once; versions written by another replica
 * are found by a short poll of the latest version of each document someone
 * is subscribed to (only while someone is). A poll rather than LISTEN/NOTIFY:
 * it needs no dedicated connection and behaves the same on PGlite, and a
 * second of delay is fine for configuration.
 */
export function createConfigChangeHub(deps: {
  db: ConfigDb;
  logger: Logger;
  pollIntervalMs: number;
}): ConfigChangeHub {
  const subscribers = new Map<string, Set<{ listener: ChangeListener; onClose: () => void }>>();
  const knownVersions = new Map<string, number>();
  const keyOf = (key: DocumentKey) => `${key.service}/${key.profile}`;
  let polling: Promise<void> | undefined;

  function deliver(document: ConfigDocument) {
    const id = keyOf(document);
    if ((knownVersions.get(id) ?? 0) >= document.version) return;
    knownVersions.set(id, document.version);
    for (const { listener } of subscribers.get(id) ?? []) listener(document);
  }

  async function poll() {
    const keys = [...subscribers.keys()].map((id) => {
      const [service, profile] = id.split('/') as [string, Profile];
      return { service, profile };
    });
    for (const latest of await latestVersions(deps.db, keys)) {
      if (latest.version <= (knownVersions.get(keyOf(latest)) ?? 0)) continue;
      const document = await latestDocument(deps.db, latest);
      if (document) deliver(document);
    }
  }

  const timer = setInterval(() => {
    if (polling || subscribers.size === 0) return;
    polling = poll()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'config change poll failed'))
      .finally(() => {
        polling = undefined;
      });
  }, deps.pollIntervalMs);
  timer.unref();

  return {
    subscribe(key, listener, onClose) {
      const id = keyOf(key);
      const entry = { listener, onClose };
      const set = subscribers.get(id) ?? new Set();
      set.add(entry);
      subscribers.set(id, set);
      return () => {
        set.delete(entry);
        if (set.size === 0) subscribers.delete(id);
      };
    },
    publish: deliver,
    close() {
      clearInterval(timer);
      for (const set of subscribers.values()) for (const { onClose } of set) onClose();
      subscribers.clear();
    },
  };
}
