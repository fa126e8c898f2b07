import { defineEvent } from '@emporium/contracts/events/define-event';
import { Type } from 'typebox';

/** A test event: the platform must work for any definition, not just the catalog's. */
export const amountDeposited = defineEvent({
  type: 'account.deposited',
  version: 1,
  producer: 'payment',
  consumers: ['analytics'],
  description: 'test event',
  payload: Type.Object(
    { accountId: Type.String(), amount: Type.Integer({ minimum: 1 }), note: Type.Optional(Type.String()) },
    { additionalProperties: false },
  ),
});
