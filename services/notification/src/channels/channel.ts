import type { Channel } from '../domain/channels.js';
import type { MessageContent } from '../domain/message-content.js';

/** One message to one recipient, as the dispatcher hands it to a channel. */
export interface OutgoingMessage {
  id: string;
  recipient: string;
  content: MessageContent;
}

/**
 * A way out of the service (email, SMS, push). `send` resolves once the
 * provider accepted the message; it throws to have it retried, or throws a
 * `PermanentSendError` when retrying cannot help.
 */
export interface ChannelSender {
  channel: Exclude<Channel, 'websocket'>;
  send: (message: OutgoingMessage) => Promise<void>;
  close?: () => Promise<void>;
}

/** The recipient cannot be reached this way (bad address, expired push subscription): no retry. */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

export function contentOf<K extends MessageContent['kind']>(
  message: OutgoingMessage,
  kind: K,
): Extract<MessageContent, { kind: K }> {
  if (message.content.kind !== kind) {
    throw new PermanentSendError(`a ${message.content.kind} message cannot go out as ${kind}`);
  }
  return message.content as Extract<MessageContent, { kind: K }>;
}
