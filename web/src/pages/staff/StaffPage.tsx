import { Badge, Button, Card, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../api/me';
import { useStaff } from '../../api/office';
import type { Staff } from '@bureau/common';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { StaffFormModal } from './StaffFormModal';
import { StaffInvitationsCard } from './StaffInvitationsCard';

/** The office's people: roles, specialties, two-factor state; owners and admins add and edit them. */
export default function StaffPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const staff = useStaff();
  const admin = me.can.manageStaff;
  const phone = useMediaQuery('(max-width: 48em)');
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const canEdit = (s: Staff) => admin && s.role !== 'owner' && s.userId !== me.user.id;

  return (
    <>
      <PageHeader title={t('staff.title')}>
        {admin && <Button onClick={() => setEditing('new')}>{t('staff.add')}</Button>}
      </PageHeader>
      {staff.isPending ? (
        <Loading />
      ) : staff.error ? (
        <LoadError error={staff.error} onRetry={() => void staff.refetch()} />
      ) : phone ? (
        <Stack gap="xs">
          {staff.data.map((s) => (
            <Card key={s.userId} withBorder padding="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Text fw={600}>{s.name}</Text>
                  <Text size="sm" c="dimmed">
                    {s.email}
                  </Text>
                </div>
                <RoleBadge staff={s} />
              </Group>
              <Group gap={6} mt={6}>
                <SpecialtyBadges staff={s} />
                <TwoFactorBadge on={s.totpEnabled} labelled />
                {s.disabled && <DisabledBadge />}
              </Group>
              {canEdit(s) && (
                <Button
                  variant="light"
                  mt="sm"
                  fullWidth
                  onClick={() => setEditing(s)}
                  aria-label={t('staff.editNamed', { name: s.name })}
                >
                  {t('common.edit')}
                </Button>
              )}
            </Card>
          ))}
        </Stack>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('staff.col.name')}</Table.Th>
                <Table.Th>{t('staff.col.role')}</Table.Th>
                <Table.Th>{t('staff.col.specialties')}</Table.Th>
                <Table.Th>{t('staff.col.twoFactor')}</Table.Th>
                <Table.Th ta="right">{t('staff.col.companies')}</Table.Th>
                {admin && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.map((s) => (
                <Table.Tr key={s.userId} style={{ opacity: s.disabled ? 0.75 : 1 }}>
                  <Table.Td>
                    <Text fw={500}>
                      {s.name} {s.disabled && <DisabledBadge />}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {s.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge staff={s} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <SpecialtyBadges staff={s} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <TwoFactorBadge on={s.totpEnabled} />
                  </Table.Td>
                  <Table.Td ta="right">{s.assignedCompanies}</Table.Td>
                  {admin && (
                    <Table.Td>
                      {canEdit(s) && (
                        <Button
                          variant="subtle"
                          size="xs"
                          onClick={() => setEditing(s)}
                          aria-label={t('staff.editNamed', { name: s.name })}
                        >
                          {t('common.edit')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {admin && <StaffInvitationsCard />}
      <StaffFormModal staff={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function RoleBadge({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={staff.role === 'employee' ? 'gray' : 'blue'} radius="sm">
      {t(`role.${staff.role}`)}
    </Badge>
  );
}

function SpecialtyBadges({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  if (staff.specialties.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <>
      {staff.specialties.map((s) => (
        <Badge key={s} variant="outline" color="gray" radius="sm" tt="none">
          {t(`specialty.${s}`)}
        </Badge>
      ))}
    </>
  );
}

/** `labelled` where no column header says what On/Off is about (the phone cards). */
function TwoFactorBadge({ on, labelled = false }: { on: boolean; labelled?: boolean }) {
  const { t } = useTranslation();
  const state = on ? t('staff.twoFactorOn') : t('staff.twoFactorOff');
  return (
    <Badge variant="light" color={on ? 'green' : 'orange'} radius="sm" tt="none">
      {labelled ? `${t('staff.col.twoFactor')}: ${state}` : state}
    </Badge>
  );
}

function DisabledBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="gray" radius="sm" size="sm">
      {t('staff.disabled')}
    </Badge>
  );
}
