import { MantineProvider, mergeThemeOverrides, Notification, PasswordInput } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { Loading } from './components/Feedback';
import { AppRoutes } from './routes';
import { queryClient } from './queryClient';
import { cssVariablesResolver, theme } from './theme';

export function App() {
  // Every toast's close button and password eye are named in the reader's language (before the texts load, the key stands in).
  const { t, i18n } = useTranslation(undefined, { useSuspense: false });
  const named = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
          }),
          // Mantine names the eye button in English only.
          PasswordInput: PasswordInput.extend({
            defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('trust.togglePasswordVisibility') } },
          }),
        },
      }),
    [t, i18n.language],
  );
  return (
    <MantineProvider theme={named} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          {/* The first language file is loading; there is no text to show yet. */}
          <Suspense fallback={<Loading label="…" />}>
            <AppRoutes />
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
