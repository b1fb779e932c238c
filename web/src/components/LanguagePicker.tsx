import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe, useUpdateMe } from '../api/me';
import { type Locale, locales } from '@bureau/common';
import { applyLanguage } from '../i18n';

/** Each language named in itself, so anyone finds their own. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  pl: 'Polski',
  ro: 'Română',
  fr: 'Français',
};

/** Changes the interface language; when signed in, also saves it as the user's language. */
export function LanguagePicker({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const updateMe = useUpdateMe();
  const current = (locales as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : 'en';

  const choose = (lng: Locale) => {
    void applyLanguage(lng);
    if (me && me.user.locale !== lng) updateMe.mutate({ locale: lng });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          aria-label={t('language.choose', { language: LANGUAGE_NAMES[current] })}
          leftSection={<GlobeIcon />}
          px={compact ? 'xs' : undefined}
        >
          {compact ? current.toUpperCase() : LANGUAGE_NAMES[current]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {locales.map((lng) => (
          <Menu.Item
            key={lng}
            lang={lng}
            onClick={() => choose(lng)}
            aria-current={lng === current ? 'true' : undefined}
            fw={lng === current ? 700 : undefined}
          >
            {LANGUAGE_NAMES[lng]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function GlobeIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}
