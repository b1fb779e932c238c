// Dates and numbers in the user's language, through Intl.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The Intl tag of each interface language. */
export const LOCALE_TAGS: Record<string, string> = { en: 'en-GB', pl: 'pl-PL', ro: 'ro-RO', fr: 'fr-FR' };

/** The formatters in the user's language (kept in memory per language by useFormat). */
export function useFormat() {
  const { i18n } = useTranslation();
  const tag = LOCALE_TAGS[i18n.language] ?? i18n.language;
  return useMemo(() => createFormat(tag), [tag]);
}

/** The formatters for a BCP 47 tag ("pl-PL"): pure, so tested without React (format.test.ts). */
export function createFormat(tag: string) {
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const calendarDay = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(tag);
  const list = new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'short' });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short' });
  const dayMonth = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short' });
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
    /** A calendar day given as YYYY-MM-DD (a registry's date): the same day in every time zone. */
    day: (value: string | null | undefined) => {
      const d = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
      return d && !Number.isNaN(d.getTime()) ? calendarDay.format(d) : '—';
    },
    number: (value: number) => number.format(value),
    /** "840 kB", "2.4 MB" (decimal units, as file managers show them). */
    fileSize: (bytes: number) => {
      const [unit, size] =
        bytes >= 1e6
          ? (['megabyte', bytes / 1e6] as const)
          : bytes >= 1e3
            ? (['kilobyte', bytes / 1e3] as const)
            : (['byte', bytes] as const);
      return new Intl.NumberFormat(tag, {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: size < 10 ? 1 : 0,
      }).format(size);
    },
    /** "5 min ago", "yesterday", then a date: for lists of conversations. */
    relative: (value: string | null | undefined, now = Date.now()) => {
      const d = parse(value);
      if (!d) return '—';
      const seconds = Math.round((d.getTime() - now) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 45) return relative.format(0, 'second');
      if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
      if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
      return d.getFullYear() === new Date(now).getFullYear() ? dayMonth.format(d) : date.format(d);
    },
    /** The time alone today, the date and time otherwise: for messages. */
    when: (value: string | null | undefined, now = Date.now()) => {
      const d = parse(value);
      if (!d) return '—';
      return d.toDateString() === new Date(now).toDateString() ? time.format(d) : dateTime.format(d);
    },
    /** "name, country and status", with the language's own "and". */
    list: (items: string[]) => list.format(items),
  };
}
