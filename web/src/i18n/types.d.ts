import 'i18next';
import type web from '../../../common/src/locales/en/web.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'web';
    resources: { web: typeof web };
  }
}
