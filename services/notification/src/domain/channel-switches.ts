import { type Channel, channels } from './channels.js';

export type ChannelSwitches = Record<Channel, boolean>;

export const allChannelsOn = (): ChannelSwitches => ({ email: true, sms: true, push: true, websocket: true });

/**
 * Reads the `featureFlags` the config service pushes (`{ email: true, sms:
 * false, ... }`): a channel is off only when its flag is exactly false (or
 * "false"); anything missing or unreadable leaves it on.
 */
export function switchesFrom(flags: unknown): ChannelSwitches {
  const switches = allChannelsOn();
  if (flags === null || typeof flags !== 'object') return switches;
  for (const channel of channels) {
    const value = (flags as Record<string, unknown>)[channel];
    if (value === false || value === 'false') switches[channel] = false;
  }
  return switches;
}
