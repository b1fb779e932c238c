// A registry's verdict on a company, translated: the add-company form shows it after a look-up, the company page shows
// what the company keeps. A company struck off, declared inactive or unknown to its registry is flagged in red or
// orange, so it never passes for an ordinary company without VAT.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RegistryRecord } from '@bureau/common';
import { useFormat } from '../../lib/format';

/** The reading as both places have it: a look-up's company is a found reading. */
export type RegistryReadingView = Pick<RegistryRecord, 'source' | 'outcome' | 'checkedAt' | 'status' | 'eInvoicing'>;

/** The warnings a reading raises, most serious first: struck off, inactive taxpayer, not in the registry. */
type Flag = { key: 'flagNotFound' | 'flagViesInvalid' | 'flagStruckOff' | 'flagInactive'; color: string };

export function registryFlags(reading: RegistryReadingView | null | undefined): Flag[] {
  if (!reading) return [];
  // VIES answers "not valid" rather than "unknown": a number no longer valid for intra-EU VAT.
  if (reading.outcome === 'not_found')
    return [{ key: reading.source === 'vies' ? 'flagViesInvalid' : 'flagNotFound', color: 'dark' }];
  const flags: Flag[] = [];
  if (reading.status?.struckOff) flags.push({ key: 'flagStruckOff', color: 'red' });
  if (reading.status?.inactive) flags.push({ key: 'flagInactive', color: 'red' });
  return flags;
}

export function RegistryFlags({ reading }: { reading: RegistryReadingView | null | undefined }) {
  const { t } = useTranslation();
  return registryFlags(reading).map((flag) => (
    <Badge key={flag.key} color={flag.color} variant="filled" data-testid="registry-flag">
      {t(`registryStatus.${flag.key}`)}
    </Badge>
  ));
}

/** One line per fact the registry gave, then where and when it was read. */
export function RegistryStatusLines({ reading }: { reading: RegistryReadingView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const registry = t(`companies.registry.${reading.source}`);
  const status = reading.status;
  const lines: { text: string; color?: string; strong?: boolean }[] = [];
  if (reading.outcome === 'not_found') {
    lines.push({
      text: reading.source === 'vies' ? t('registryStatus.viesInvalid') : t('registryStatus.notFound', { registry }),
      strong: true,
    });
  } else if (status) {
    if (status.struckOff)
      lines.push({
        text: status.struckOffOn
          ? t('registryStatus.struckOffOn', { date: format.day(status.struckOffOn) })
          : t('registryStatus.struckOff'),
        color: 'red.9',
        strong: true,
      });
    if (status.inactive)
      lines.push({
        text: status.inactiveSince
          ? t('registryStatus.inactiveSince', { date: format.day(status.inactiveSince) })
          : t('registryStatus.inactive'),
        color: 'red.9',
        strong: true,
      });
    const vat =
      reading.source === 'vies' && status.vat === 'active'
        ? t('registryStatus.viesValid')
        : t(`registryStatus.vat.${status.vat}`);
    lines.push({ text: vat, strong: status.vat === 'removed' });
    if (status.vatEndedOn)
      lines.push({ text: t('registryStatus.vatEndedOn', { date: format.day(status.vatEndedOn) }) });
    if (status.vatRestoredOn)
      lines.push({ text: t('registryStatus.vatRestoredOn', { date: format.day(status.vatRestoredOn) }) });
    if (reading.eInvoicing !== undefined)
      lines.push({ text: reading.eInvoicing ? t('companies.eInvoicingYes') : t('companies.eInvoicingNo') });
    if (status.wording && reading.source !== 'vies')
      lines.push({ text: t('registryStatus.wording', { text: status.wording }) });
  }
  return (
    <Stack gap={2} data-testid="registry-status">
      <Group gap="xs">
        <RegistryFlags reading={reading} />
      </Group>
      {lines.map((line) => (
        <Text key={line.text} size="sm" c={line.color} fw={line.strong ? 600 : undefined}>
          {line.text}
        </Text>
      ))}
      <Text size="xs" c="dimmed">
        {t('registryStatus.readOn', { registry, date: format.dateTime(reading.checkedAt) })}
      </Text>
    </Stack>
  );
}
