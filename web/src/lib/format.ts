// Dates and numbers in the user's language, through Intl.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const LOCALE_TAGS: Record<string, string> = { en: 'en-GB', pl: 'pl-PL', ro: 'ro-RO', fr: 'fr-FR' };

export function useFormat() {
  const { i18n } = useTranslation();
  const tag = LOCALE_TAGS[i18n.language] ?? i18n.language;
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(tag);
    const list = new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' });
    const parse = (value: string | null | undefined) => {
      if (!value) return null;
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? null : d;
    };
    return {
      dateTime: (value: string | null | undefined) => {
        const d = parse(value);
        return d ? dateTime.format(d) : '—';
      },
      date: (value: string | null | undefined) => {
        const d = parse(value);
        return d ? date.format(d) : '—';
      },
      number: (value: number) => number.format(value),
      /** "name, country and status", with the language's own "and". */
      list: (items: string[]) => list.format(items),
    };
  }, [tag]);
}
