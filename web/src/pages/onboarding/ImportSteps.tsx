import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Where the wizard stands: a plain ordered list (not buttons — the steps are reached by doing them), the current one marked. */
export function ImportSteps({ steps, active }: { steps: { label: string; description: string }[]; active: number }) {
  const { t } = useTranslation();
  return (
    <Group
      component="ol"
      aria-label={t('import.stepsLabel')}
      gap="lg"
      wrap="wrap"
      m={0}
      p={0}
      style={{ listStyle: 'none' }}
    >
      {steps.map((step, index) => {
        const done = index < active;
        const current = index === active;
        return (
          <Group component="li" key={step.label} gap="xs" wrap="nowrap" aria-current={current ? 'step' : undefined}>
            <ThemeIcon
              radius="xl"
              size={30}
              variant={current || done ? 'filled' : 'light'}
              color={done ? 'teal.8' : current ? 'blue' : 'gray'}
              aria-hidden="true"
            >
              <Text size="sm" fw={700} c={current || done ? 'white' : 'gray.8'}>
                {done ? '✓' : index + 1}
              </Text>
            </ThemeIcon>
            <Stack gap={0}>
              <Text size="sm" fw={current ? 700 : 500}>
                {step.label}
                {done && <span className="visually-hidden"> ({t('import.stepDone')})</span>}
              </Text>
              <Text size="xs" c="dimmed">
                {step.description}
              </Text>
            </Stack>
          </Group>
        );
      })}
    </Group>
  );
}
