// i18next set-up: the `web` and `errors` namespaces from common/src/locales, loaded per language on demand.
import i18n, { type BackendModule, type ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import { type Locale, locales } from '@bureau/common';

type Resource = Record<string, unknown>;
type Loader = () => Promise<Resource>;

const LOCALE_DIR = '../../../common/src/locales';
// Each language is its own small chunk; errors.json may not exist for every language yet.
const loaders: Record<string, Loader> = {
  ...import.meta.glob<Resource>('../../../common/src/locales/*/web.json', { import: 'default' }),
  ...import.meta.glob<Resource>('../../../common/src/locales/*/errors.json', { import: 'default' }),
};

const backend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const loader = loaders[`${LOCALE_DIR}/${language}/${namespace}.json`];
    if (!loader) {
      callback(null, {});
      return;
    }
    loader().then(
      (resource) => callback(null, resource),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

const STORAGE_KEY = 'bureau.language';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Locale | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

function reflect(lng: string): void {
  document.documentElement.lang = lng;
  setApiLanguage(lng);
}

/** Switches the interface language and remembers it on this device. */
export async function applyLanguage(lng: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  if (i18n.language !== lng) await i18n.changeLanguage(lng);
}

/** Whether this device has a language chosen by its user (which then wins over any default). */
export const hasChosenLanguage = (): boolean => storedLanguage() !== null;

export const initialLanguage: Locale = storedLanguage() ?? browserLanguage() ?? 'en';
reflect(initialLanguage);
i18n.on('languageChanged', reflect);

void i18n
  .use(backend)
  .use(initReactI18next)
  .init({
    lng: initialLanguage,
    fallbackLng: 'en',
    supportedLngs: [...locales],
    ns: ['web', 'errors'],
    defaultNS: 'web',
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: true },
  });

export default i18n;
