import { ActionIcon, Anchor, Code, Collapse, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ADMIN_PAGE_SIZE, useAuditLog } from '../../api/admin';
import type { AuditEntry } from '../../api/types';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../lib/format';

/** A day typed in a date field, as the first or the last instant of that local day. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return date.toISOString();
}

/** Who did what, when: filters by action, object type and dates; each entry opens to its before/after. */
export default function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [action, setAction] = useState(params.get('action') ?? '');
  const [objectType, setObjectType] = useState(params.get('objectType') ?? '');
  const [debouncedAction] = useDebouncedValue(action.trim(), 250);
  const [debouncedObjectType] = useDebouncedValue(objectType.trim(), 250);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [open, setOpen] = useState<string | null>(null);

  const log = useAuditLog({
    action: debouncedAction || undefined,
    objectType: debouncedObjectType || undefined,
    from: dayBound(from, false),
    to: dayBound(to, true),
    page,
  });

  const setParam = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('audit.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            label={t('audit.action')}
            description={t('audit.actionHint')}
            value={action}
            onChange={(e) => setAction(e.currentTarget.value)}
          />
          <TextInput
            label={t('audit.objectType')}
            description={t('audit.objectTypeHint')}
            value={objectType}
            onChange={(e) => setObjectType(e.currentTarget.value)}
          />
          <TextInput
            label={t('audit.from')}
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => setParam('from', e.currentTarget.value)}
          />
          <TextInput
            label={t('audit.to')}
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => setParam('to', e.currentTarget.value)}
          />
        </SimpleGrid>
      </Paper>

      {log.isPending ? (
        <Loading />
      ) : log.error ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <Text size="sm" fw={500} mb="xs" role="status" aria-live="polite">
            {t('audit.total', { count: log.data.total, formatted: format.number(log.data.total) })}
          </Text>
          {log.data.items.length === 0 ? (
            <Paper withBorder p="xl" ta="center">
              <Text>{t('audit.empty')}</Text>
            </Paper>
          ) : (
            <Paper withBorder style={{ overflowX: 'auto' }}>
              <Table verticalSpacing="xs" miw={640}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={48}>
                      <span className="visually-hidden">{t('audit.details')}</span>
                    </Table.Th>
                    <Table.Th>{t('audit.col.at')}</Table.Th>
                    <Table.Th>{t('audit.col.actor')}</Table.Th>
                    <Table.Th>{t('audit.col.action')}</Table.Th>
                    <Table.Th>{t('audit.col.object')}</Table.Th>
                    <Table.Th>{t('audit.col.ip')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {log.data.items.map((entry) => (
                    <AuditRow
                      key={entry.id}
                      entry={entry}
                      expanded={open === entry.id}
                      onToggle={() => setOpen(open === entry.id ? null : entry.id)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
          <Pager page={page} pageSize={ADMIN_PAGE_SIZE} total={log.data.total} onChange={(p) => setParam('page', String(p))} />
        </>
      )}
    </>
  );
}

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return (
      <Text size="sm" c="dimmed">
        {t('audit.nothing')}
      </Text>
    );
  return (
    <Code block style={{ maxHeight: 320, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

function AuditRow({ entry, expanded, onToggle }: { entry: AuditEntry; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detailsId = `audit-${entry.id}`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onToggle}
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={expanded ? t('audit.hideDetails') : t('audit.showDetails')}
          >
            <span
              aria-hidden="true"
              style={{ display: 'inline-block', transform: expanded ? 'rotate(90deg)' : undefined, transition: 'transform 120ms' }}
            >
              ▸
            </span>
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {format.dateTime(entry.at)}
          </Text>
        </Table.Td>
        <Table.Td>
          {entry.actor?.name ?? (
            <Text span c="dimmed" size="sm">
              {t('audit.system')}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.objectType}</Text>
          {entry.objectId &&
            (entry.objectType === 'company' ? (
              <Anchor component={Link} to={`/companies/${entry.objectId}`} size="xs" ff="monospace">
                {entry.objectId}
              </Anchor>
            ) : (
              <Text size="xs" c="dimmed" ff="monospace">
                {entry.objectId}
              </Text>
            ))}
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {entry.ip ?? '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      <Table.Tr style={{ display: expanded ? undefined : 'none' }}>
        <Table.Td colSpan={6} p={0}>
          <Collapse expanded={expanded} id={detailsId}>
            <Group grow align="flex-start" p="sm" wrap="wrap">
              <Stack gap={4} miw={240}>
                <Text size="sm" fw={600}>
                  {t('audit.before')}
                </Text>
                <Json value={entry.before} />
              </Stack>
              <Stack gap={4} miw={240}>
                <Text size="sm" fw={600}>
                  {t('audit.after')}
                </Text>
                <Json value={entry.after} />
              </Stack>
            </Group>
          </Collapse>
        </Table.Td>
      </Table.Tr>
    </Fragment>
  );
}
