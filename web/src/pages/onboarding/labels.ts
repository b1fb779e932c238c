// Names of the import's and the portfolio's enumerations in the user's language. A narrow `t` type for these
// dynamic keys: typing them against the whole of web.json passes TypeScript's instantiation depth limit.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFieldName, ImportRowAction, ImportStatus, InvitationStatus, PortfolioGroup } from '@bureau/common';

type Key =
  | `import.fields.${ImportFieldName}`
  | `import.rowAction.${ImportRowAction}`
  | `import.status.${ImportStatus}`
  | `import.errors.${string}`
  | `import.warnings.${string}`
  | `portfolio.group.${PortfolioGroup | 'all'}`
  | `portfolio.explain.${PortfolioGroup}`
  | `portfolio.invitationStatus.${InvitationStatus}`;
type Translate = (key: Key) => string;

export function useOnboardingLabels() {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as Translate;
  return {
    field: useCallback((field: ImportFieldName) => tr(`import.fields.${field}`), [tr]),
    rowAction: useCallback((action: ImportRowAction) => tr(`import.rowAction.${action}`), [tr]),
    status: useCallback((status: ImportStatus) => tr(`import.status.${status}`), [tr]),
    /** A row error's text; a code this version does not know reads as "not valid". */
    rowError: useCallback(
      (code: string) =>
        i18n.exists(`web:import.errors.${code}`) ? tr(`import.errors.${code}`) : tr('import.errors.unknown'),
      [tr, i18n],
    ),
    /** What a row is imported without; an unknown code reads as its field being left out. */
    rowWarning: useCallback(
      (code: string) =>
        i18n.exists(`web:import.warnings.${code}`) ? tr(`import.warnings.${code}`) : tr('import.errors.unknown'),
      [tr, i18n],
    ),
    group: useCallback((group: PortfolioGroup | 'all') => tr(`portfolio.group.${group}`), [tr]),
    explain: useCallback((group: PortfolioGroup) => tr(`portfolio.explain.${group}`), [tr]),
    invitationStatus: useCallback((status: InvitationStatus) => tr(`portfolio.invitationStatus.${status}`), [tr]),
  };
}

export const actionColor: Record<ImportRowAction, string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'gray',
  skip: 'red',
};
export const importStatusColor: Record<ImportStatus, string> = {
  draft: 'gray',
  queued: 'yellow',
  running: 'yellow',
  done: 'green',
  failed: 'red',
};
export const groupColor: Record<PortfolioGroup, string> = {
  collaborating: 'green',
  invited: 'blue',
  pending: 'orange',
  own: 'gray',
};
export const invitationColor: Record<InvitationStatus, string> = {
  sent: 'blue',
  opened: 'cyan',
  accepted: 'green',
  expired: 'orange',
  revoked: 'gray',
};
