import { describe, expect, it } from 'vitest';
import { switchesFrom } from './channel-switches.js';

describe('channel switches from live feature flags', () => {
  it('turns off exactly the channels flagged false', () => {
    expect(switchesFrom({ email: true, sms: false, push: 'false', websocket: true, search: false })).toEqual({
      email: true,
      sms: false,
      push: false,
      websocket: true,
    });
  });

  it('leaves every channel on when the flags are missing or unreadable', () => {
    for (const flags of [undefined, null, 'off', 42, { email: 0, sms: 'no' }]) {
      expect(Object.values(switchesFrom(flags))).toEqual([true, true, true, true]);
    }
  });
});
