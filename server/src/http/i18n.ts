// Server-side translation of errors, e-mails and push notifications, from the same locale files as the web app.
import i18next, { type TFunction } from 'i18next';
import { isLocale, locales, type Locale } from '@bureau/common';
import enErrors from '@bureau/common/locales/en/errors.json' with { type: 'json' };
import plErrors from '@bureau/common/locales/pl/errors.json' with { type: 'json' };
import roErrors from '@bureau/common/locales/ro/errors.json' with { type: 'json' };
import frErrors from '@bureau/common/locales/fr/errors.json' with { type: 'json' };
import enEmail from '@bureau/common/locales/en/email.json' with { type: 'json' };
import plEmail from '@bureau/common/locales/pl/email.json' with { type: 'json' };
import roEmail from '@bureau/common/locales/ro/email.json' with { type: 'json' };
import frEmail from '@bureau/common/locales/fr/email.json' with { type: 'json' };
import enPush from '@bureau/common/locales/en/push.json' with { type: 'json' };
import plPush from '@bureau/common/locales/pl/push.json' with { type: 'json' };
import roPush from '@bureau/common/locales/ro/push.json' with { type: 'json' };
import frPush from '@bureau/common/locales/fr/push.json' with { type: 'json' };
import enSms from '@bureau/common/locales/en/sms.json' with { type: 'json' };
import plSms from '@bureau/common/locales/pl/sms.json' with { type: 'json' };
import roSms from '@bureau/common/locales/ro/sms.json' with { type: 'json' };
import frSms from '@bureau/common/locales/fr/sms.json' with { type: 'json' };

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  resources: {
    en: { errors: enErrors, email: enEmail, push: enPush, sms: enSms },
    pl: { errors: plErrors, email: plEmail, push: plPush, sms: plSms },
    ro: { errors: roErrors, email: roEmail, push: roPush, sms: roSms },
    fr: { errors: frErrors, email: frEmail, push: frPush, sms: frSms },
  },
  supportedLngs: [...locales],
  fallbackLng: 'en',
  ns: ['errors', 'email', 'push', 'sms'],
  defaultNS: 'errors',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function translator(locale: Locale): TFunction {
  return i18n.getFixedT(locale);
}

/** The best supported language from an Accept-Language header. */
export function localeFromHeader(header: string | undefined, fallback: Locale = 'en'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: (tag ?? '').trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((e) => e.lang).find(isLocale) ?? fallback;
}
