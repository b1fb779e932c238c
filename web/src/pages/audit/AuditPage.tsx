import {
  ActionIcon,
  Anchor,
  Button,
  Code,
  Collapse,
  Grid,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { auditActions, auditObjectTypes, type AuditAction, type AuditObjectType } from '@common/domain';
import { ADMIN_PAGE_SIZE, useAuditLog } from '../../api/admin';
import type { AuditEntry } from '@bureau/common';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useFormat } from '../../lib/format';
import { useTaxIdLabel } from '../../lib/options';

/** A day typed in a date field, as the first or the last instant of that local day. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return date.toISOString();
}

const isAction = (value: unknown): value is AuditAction => (auditActions as readonly unknown[]).includes(value);
const isObjectType = (value: unknown): value is AuditObjectType =>
  (auditObjectTypes as readonly unknown[]).includes(value);

/** The action filter's option groups, by the part of the portal an action belongs to. */
type ActionGroup = 'office' | 'staff' | 'companies' | 'messages' | 'security';
const ACTION_GROUPS: ActionGroup[] = ['office', 'staff', 'companies', 'messages', 'security'];
function actionGroup(action: AuditAction): ActionGroup {
  if (action.startsWith('message.') || action.startsWith('conversation.') || action.startsWith('broadcast.'))
    return 'messages';
  if (action.startsWith('office.') || action.startsWith('channel.') || action.startsWith('sms.')) return 'office';
  if (action.startsWith('staff.')) return 'staff';
  if (action.startsWith('company.') || action.startsWith('company_user.')) return 'companies';
  return 'security';
}

/** Entries whose before/after are two versions of the same record: for them, the changed fields are listed. */
const FIELD_CHANGE_ACTIONS: ReadonlySet<string> = new Set<AuditAction>([
  'company.updated',
  'channel.updated',
  'office.updated',
  'sms.settings_updated',
  'staff.updated',
  'company_user.access_changed',
  'user.profile_updated',
  'message.edited',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON with object keys sorted, so that two equal values compare equal whatever their key order. */
const canonical = (value: unknown): string | undefined =>
  JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

/** Top-level keys of `after` whose value differs from `before` (a partial `after` lists only what was sent). */
function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  return Object.keys(after).filter((key) => canonical(before[key]) !== canonical(after[key]));
}

/** Who did what, when: filters by action, object type and dates; each entry opens to its before/after. */
export default function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const phone = useMediaQuery('(max-width: 48em)');
  const [params, setParams] = useSearchParams();
  const actionParam = params.get('action');
  const objectTypeParam = params.get('objectType');
  const action = isAction(actionParam) ? actionParam : '';
  const objectType = isObjectType(objectTypeParam) ? objectTypeParam : '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [open, setOpen] = useState<number | null>(null);

  const log = useAuditLog({
    action: action || undefined,
    objectType: objectType || undefined,
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

  const actionOptions = [
    { value: '', label: t('common.all') },
    ...ACTION_GROUPS.map((group) => ({
      group: t(`audit.actionGroups.${group}`),
      items: auditActions
        .filter((a) => actionGroup(a) === group)
        .map((value) => ({ value, label: t(`audit.actions.${value}`) })),
    })),
  ];
  const objectTypeOptions = [
    { value: '', label: t('common.all') },
    ...auditObjectTypes.map((value) => ({ value, label: t(`audit.objectTypes.${value}`) })),
  ];
  const toggle = (id: number) => setOpen(open === id ? null : id);

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('audit.filters')}>
        {/* On a phone the two selects take a line each and the two dates share one. */}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
            <NativeSelect
              label={t('audit.action')}
              value={action}
              data={actionOptions}
              onChange={(e) => setParam('action', e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
            <NativeSelect
              label={t('audit.objectType')}
              value={objectType}
              data={objectTypeOptions}
              onChange={(e) => setParam('objectType', e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <TextInput
              label={t('audit.from')}
              type="date"
              value={from}
              max={to || undefined}
              onChange={(e) => setParam('from', e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3 }}>
            <TextInput
              label={t('audit.to')}
              type="date"
              value={to}
              min={from || undefined}
              onChange={(e) => setParam('to', e.currentTarget.value)}
            />
          </Grid.Col>
        </Grid>
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
          ) : phone ? (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {log.data.items.map((entry) => (
                <AuditCard
                  key={entry.id}
                  entry={entry}
                  expanded={open === entry.id}
                  onToggle={() => toggle(entry.id)}
                />
              ))}
            </Stack>
          ) : (
            <Paper withBorder style={{ overflowX: 'auto' }}>
              <Table verticalSpacing="xs" miw={720}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={48}>
                      <span className="visually-hidden">{t('audit.details')}</span>
                    </Table.Th>
                    <Table.Th>{t('audit.col.at')}</Table.Th>
                    <Table.Th>{t('audit.col.actor')}</Table.Th>
                    <Table.Th>{t('audit.col.action')}</Table.Th>
                    <Table.Th>{t('audit.col.object')}</Table.Th>
                    <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('audit.col.ip')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {log.data.items.map((entry) => (
                    <AuditRow
                      key={entry.id}
                      entry={entry}
                      expanded={open === entry.id}
                      onToggle={() => toggle(entry.id)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
          <Pager
            page={page}
            pageSize={ADMIN_PAGE_SIZE}
            total={log.data.total}
            onChange={(p) => setParam('page', String(p))}
          />
        </>
      )}
    </>
  );
}

const hasDetails = (entry: AuditEntry) => (entry.before ?? null) !== null || (entry.after ?? null) !== null;

/** A field of an audited record, named in the user's language ("e-mail addresses", "NIP"). */
function useFieldLabel() {
  const { t } = useTranslation();
  const taxIdLabel = useTaxIdLabel();
  return (key: string, entry: AuditEntry): string => {
    switch (key) {
      case 'name':
        return entry.objectType === 'user' || entry.objectType === 'company_user'
          ? t('audit.fields.personName')
          : t('audit.fields.name');
      case 'taxId': {
        const record = isRecord(entry.after) ? entry.after : isRecord(entry.before) ? entry.before : {};
        // NIP and CUI are what Polish and Romanian accountants call it; elsewhere the generic name reads better in a list.
        return record.country === 'PL' || record.country === 'RO'
          ? taxIdLabel(record.country)
          : t('audit.fields.taxId');
      }
      case 'country':
      case 'status':
      case 'addresses':
      case 'emails':
      case 'phones':
      case 'bankAccounts':
      case 'role':
      case 'specialties':
      case 'disabled':
      case 'access':
      case 'locale':
      case 'defaultLocale':
      case 'restrictEmployees':
      case 'allowClientPasswordless':
      case 'requireStaffTwoFactor':
      case 'body':
        return t(`audit.fields.${key}`);
      default:
        return key;
    }
  };
}

/** What was done, in words ("Deactivated the company"), and for edits which fields changed. */
function ActionText({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldLabel = useFieldLabel();
  const changed = FIELD_CHANGE_ACTIONS.has(entry.action) ? changedFields(entry.before, entry.after) : [];
  // A company's activation or deactivation may carry the reason typed by the admin.
  const reason =
    entry.objectType === 'company' && isRecord(entry.after) && typeof entry.after.reason === 'string'
      ? entry.after.reason.trim()
      : '';
  return (
    <>
      {isAction(entry.action) ? (
        <Text size="sm" fw={500}>
          {t(`audit.actions.${entry.action}`)}
        </Text>
      ) : (
        <Code>{entry.action}</Code>
      )}
      {changed.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('audit.changed', { fields: format.list(changed.map((key) => fieldLabel(key, entry))) })}
        </Text>
      )}
      {reason && (
        <Text size="xs" c="dimmed">
          {t('audit.reason', { reason })}
        </Text>
      )}
    </>
  );
}

/**
 * The object's name: as it is called today, else as the entry recorded it (a removed person, an API
 * token), else nothing — sessions have no name.
 */
function objectName(entry: AuditEntry): string | null {
  if (entry.objectLabel) return entry.objectLabel;
  for (const side of [entry.after, entry.before])
    if (isRecord(side) && typeof side.name === 'string' && side.name) return side.name;
  return null;
}

/** The object by its name (a company links to its page), with its kind as a caption. */
function ObjectText({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const name = objectName(entry);
  const type = isObjectType(entry.objectType) ? t(`audit.objectTypes.${entry.objectType}`) : entry.objectType;
  const companyId = entry.objectType === 'company' ? (entry.companyId ?? entry.objectId) : null;
  // Access to a company and other company-bound objects name the company after their kind.
  const inCompany: ReactNode =
    entry.objectType !== 'company' && entry.companyId && entry.companyName ? (
      <>
        {' · '}
        <Anchor component={Link} to={`/companies/${entry.companyId}`} size="xs">
          {entry.companyName}
        </Anchor>
      </>
    ) : null;

  if (!name)
    return (
      <>
        <Text size="sm">{type}</Text>
        {entry.objectId && (
          <Text size="xs" c="dimmed" ff="monospace" title={entry.objectId}>
            {entry.objectId.slice(0, 8)}…{inCompany}
          </Text>
        )}
      </>
    );
  return (
    <>
      {companyId ? (
        <Anchor component={Link} to={`/companies/${companyId}`} size="sm" fw={500}>
          {name}
        </Anchor>
      ) : (
        <Text size="sm" fw={500}>
          {name}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {type}
        {inCompany}
      </Text>
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

function BeforeAfter({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <Stack gap={4} miw={0}>
        <Text size="sm" fw={600}>
          {t('audit.before')}
        </Text>
        <Json value={entry.before} />
      </Stack>
      <Stack gap={4} miw={0}>
        <Text size="sm" fw={600}>
          {t('audit.after')}
        </Text>
        <Json value={entry.after} />
      </Stack>
    </SimpleGrid>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    entry.actor?.name ?? (
      <Text span c="dimmed" inherit>
        {t('audit.system')}
      </Text>
    )
  );
}

function AuditRow({ entry, expanded, onToggle }: { entry: AuditEntry; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detailsId = `audit-${entry.id}`;
  const details = hasDetails(entry);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          {details && (
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
                style={{
                  display: 'inline-block',
                  transform: expanded ? 'rotate(90deg)' : undefined,
                  transition: 'transform 120ms',
                }}
              >
                ▸
              </span>
            </ActionIcon>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {format.dateTime(entry.at)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            <Actor entry={entry} />
          </Text>
        </Table.Td>
        <Table.Td>
          <ActionText entry={entry} />
        </Table.Td>
        <Table.Td>
          <ObjectText entry={entry} />
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {entry.ip ?? '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      {details && (
        <Table.Tr style={{ display: expanded ? undefined : 'none' }}>
          <Table.Td colSpan={6} p={0}>
            <Collapse expanded={expanded} id={detailsId}>
              <div style={{ padding: 'var(--mantine-spacing-sm)' }}>
                <BeforeAfter entry={entry} />
              </div>
            </Collapse>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** On a phone: one card per entry, reading top-down as "who · what · on what · when". */
function AuditCard({ entry, expanded, onToggle }: { entry: AuditEntry; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detailsId = `audit-${entry.id}`;
  return (
    <li>
      <Paper withBorder p="sm">
        <Stack gap={6}>
          <Text size="xs" c="dimmed">
            <Actor entry={entry} /> · {format.dateTime(entry.at)}
            {entry.ip && (
              <>
                {' · '}
                <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{entry.ip}</span>
              </>
            )}
          </Text>
          <div>
            <ActionText entry={entry} />
          </div>
          <div>
            <ObjectText entry={entry} />
          </div>
          {hasDetails(entry) && (
            <>
              <Button
                variant="subtle"
                size="compact-sm"
                px={0}
                style={{ alignSelf: 'flex-start' }}
                onClick={onToggle}
                aria-expanded={expanded}
                aria-controls={detailsId}
              >
                {expanded ? t('audit.hideDetails') : t('audit.showDetails')}
              </Button>
              <Collapse expanded={expanded} id={detailsId}>
                <BeforeAfter entry={entry} />
              </Collapse>
            </>
          )}
        </Stack>
      </Paper>
    </li>
  );
}
