/** A message as it goes out on its channel, rendered when the delivery row is written. */
export type MessageContent =
  | { kind: 'email'; subject: string; html: string; text: string }
  | { kind: 'sms'; text: string }
  | { kind: 'push'; title: string; body: string; url: string };
