// Option lists shared by several forms, labelled in the user's language.
import { useTranslation } from 'react-i18next';
import { locales, officeCountries, type OfficeCountry, specialties } from '@bureau/common';
import { LANGUAGE_NAMES } from '../components/LanguagePicker';

export const MIN_PASSWORD_LENGTH = 10;

export function useCountryOptions() {
  const { t } = useTranslation();
  return officeCountries.map((value) => ({ value, label: t(`country.${value}`) }));
}

export function languageOptions() {
  return locales.map((value) => ({ value, label: LANGUAGE_NAMES[value] }));
}

export function useSpecialtyOptions() {
  const { t } = useTranslation();
  return specialties.map((value) => ({ value, label: t(`specialty.${value}`) }));
}

/**
 * What the tax identifier is called in each country (NIP, CUI, SIREN …): as a field takes it, or with `stored` as a
 * company holds it (in France the SIREN, whichever of SIREN, SIRET or VAT number was typed).
 */
export function useTaxIdLabel() {
  const { t } = useTranslation();
  return (country: OfficeCountry | string, stored = false) => {
    switch (country) {
      case 'PL':
        return t('taxId.PL');
      case 'RO':
        return t('taxId.RO');
      case 'FR':
        return stored ? t('company.siren') : t('taxId.FR');
      case 'BE':
        return t('taxId.BE');
      default:
        return t('taxId.OTHER');
    }
  };
}
