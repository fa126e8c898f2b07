export const channels = ['email', 'sms', 'push', 'websocket'] as const;
export type Channel = (typeof channels)[number];

export const categories = ['transactional', 'marketing', 'alerts'] as const;
export type Category = (typeof categories)[number];

export const deliveryStatuses = ['queued', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
