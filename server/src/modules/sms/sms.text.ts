// The translated texts of SMS (locales/<lang>/sms.json). One SMS is 160 GSM characters: a message
// notice shortens the subject to fit when it can (a text with Polish or Romanian letters is sent as
// UCS-2, 70 characters a part — the link must stay whole, so such a notice may take two parts).
import type { Locale } from '@bureau/common';
import { translator } from '../../http/i18n.js';

export const SMS_LENGTH = 160;
const SHORTEST_SUBJECT = 12;

export function testSmsText(locale: Locale, office: string): string {
  return translator(locale)('sms:test', { office });
}

export function messageSmsText(
  locale: Locale,
  params: { office: string; author: string; subject: string; link: string },
): string {
  const t = translator(locale);
  const render = (subject: string) => t('sms:new_message', { ...params, subject });
  let text = render(params.subject);
  const chars = [...params.subject];
  const over = [...text].length - SMS_LENGTH;
  if (over > 0 && chars.length - over - 3 >= SHORTEST_SUBJECT)
    text = render(
      `${chars
        .slice(0, chars.length - over - 3)
        .join('')
        .trimEnd()}...`,
    );
  return text;
}

export function invitationSmsText(
  locale: Locale,
  params: { office: string; company: string; days: number; email: string },
): string {
  return translator(locale)('sms:invitation', params);
}
