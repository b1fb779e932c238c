// A channel's name in the user's language: the office's own name for that language if it set one,
// else (for the four default channels) our translation, else any name the office gave it.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannels } from '../api/conversations';
import { type Channel, type Locale, locales } from '@bureau/common';

type ChannelKey =
  'channels.unknown' | 'channels.unnamed' | `channels.default.${'accounting' | 'payroll' | 'invoicing' | 'admin'}`;
// Only the keys this file reads: typing it as the whole `t` makes TypeScript expand every key of
// web.json, which passes its instantiation depth limit once web.json has about 690 keys.
type Translate = (key: ChannelKey) => string;

export function channelName(
  channel: Pick<Channel, 'key' | 'names'> | undefined,
  language: string,
  t: Translate,
): string {
  if (!channel) return t('channels.unknown');
  const own = channel.names[language as Locale]?.trim();
  if (own) return own;
  switch (channel.key) {
    case 'accounting':
      return t('channels.default.accounting');
    case 'payroll':
      return t('channels.default.payroll');
    case 'invoicing':
      return t('channels.default.invoicing');
    case 'admin':
      return t('channels.default.admin');
    default: {
      const any = channel.names.en?.trim() || locales.map((l) => channel.names[l]?.trim()).find(Boolean);
      return any || t('channels.unnamed');
    }
  }
}

/** `(channel) => name` in the current language. */
export function useChannelName() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (channel: Pick<Channel, 'key' | 'names'> | undefined) =>
      channelName(channel, i18n.language, t as unknown as Translate),
    [t, i18n.language],
  );
}

/** The office's channels, and `(id) => name` for lists that only know a channel's id. */
export function useChannelLookup() {
  const channels = useChannels();
  const name = useChannelName();
  const byId = useCallback(
    (id: string) => (channels.data ? name(channels.data.find((c) => c.id === id)) : ''),
    [channels.data, name],
  );
  return { channels, name, byId };
}
