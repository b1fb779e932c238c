import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddCompanyUser, useCompanyUsers, useRemoveCompanyUser, useUpdateCompanyUser } from '../../api/companies';
import type { ClientAccess, Company, CompanyUser, Locale } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { AccessBadge } from '../../components/StatusBadge';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormat } from '../../lib/format';
import { isLocale } from '../../i18n';
import { localError, useFormErrors } from '../../lib/forms';
import { languageOptions } from '../../lib/options';
import { ConfirmModal } from '../../components/ConfirmModal';
import { InvitationsSection } from '../../components/invitations/InvitationsSection';

/** The company's client users: who has access, full or limited, and who has set a password. */
export function UsersTab({ company }: { company: Company }) {
  const { t } = useTranslation();
  const users = useCompanyUsers(company.id);
  const phone = useMediaQuery('(max-width: 48em)');
  const canManage = company.permissions.manageUsers;
  const [removing, setRemoving] = useState<CompanyUser | null>(null);

  return (
    <Stack gap="md">
      <Card withBorder padding={0} component="section" aria-labelledby="company-users-title">
        <Group justify="space-between" p="md" pb="xs">
          <Title order={2} size="h4" id="company-users-title">
            {t('users.title')}
          </Title>
        </Group>
        {users.isPending ? (
          <Loading />
        ) : users.error ? (
          <LoadError error={users.error} onRetry={() => void users.refetch()} />
        ) : users.data.length === 0 ? (
          <Text p="md" pt={0} c="dimmed">
            {t('users.empty')}
          </Text>
        ) : phone ? (
          <Stack gap={0}>
            {users.data.map((u) => (
              <UserRow key={u.userId} user={u} company={company} canManage={canManage} onRemove={setRemoving} stacked />
            ))}
          </Stack>
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.col.name')}</Table.Th>
                <Table.Th>{t('users.col.access')}</Table.Th>
                <Table.Th>{t('users.col.password')}</Table.Th>
                {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <UserRow key={u.userId} user={u} company={company} canManage={canManage} onRemove={setRemoving} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <InvitationsSection companyId={company.id} canManage={canManage} />
      {canManage && <AddUserForm company={company} />}
      <RemoveUserModal company={company} user={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function PasswordState({ user }: { user: CompanyUser }) {
  const { t } = useTranslation();
  return user.hasPassword ? (
    <Badge color="green" variant="light" radius="sm">
      {t('users.passwordSet')}
    </Badge>
  ) : (
    <Badge color="orange" variant="light" radius="sm">
      {t('users.invited')}
    </Badge>
  );
}

function UserRow({
  user,
  company,
  canManage,
  onRemove,
  stacked = false,
}: {
  user: CompanyUser;
  company: Company;
  canManage: boolean;
  onRemove: (u: CompanyUser) => void;
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const update = useUpdateCompanyUser(company.id);
  const message = useErrorMessage();
  const changeAccess = (access: ClientAccess) =>
    update.mutate(
      { userId: user.userId, access },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('users.accessChanged', { name: user.name }) }),
        onError: (error) => notifications.show({ color: 'red', message: message(error) }),
      },
    );
  const access = canManage ? (
    <NativeSelect
      aria-label={t('users.accessFor', { name: user.name })}
      value={user.access}
      disabled={update.isPending}
      onChange={(e) => changeAccess(e.currentTarget.value as ClientAccess)}
      data={[
        { value: 'full', label: t('access.full') },
        { value: 'limited', label: t('access.limited') },
      ]}
      w={stacked ? '100%' : 180}
    />
  ) : (
    <AccessBadge access={user.access} />
  );
  const remove = canManage && (
    <Button
      variant="subtle"
      color="red"
      size="xs"
      onClick={() => onRemove(user)}
      aria-label={t('users.removeNamed', { name: user.name })}
    >
      {t('common.remove')}
    </Button>
  );
  const who = (
    <>
      <Text fw={500}>{user.name}</Text>
      <Text size="sm" c="dimmed">
        {user.email}
      </Text>
    </>
  );

  if (stacked) {
    return (
      <Stack gap={6} p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>{who}</div>
          <PasswordState user={user} />
        </Group>
        {access}
        {remove}
      </Stack>
    );
  }
  return (
    <Table.Tr>
      <Table.Td>{who}</Table.Td>
      <Table.Td>{access}</Table.Td>
      <Table.Td>
        <PasswordState user={user} />
      </Table.Td>
      {canManage && <Table.Td>{remove}</Table.Td>}
    </Table.Tr>
  );
}

function AddUserForm({ company }: { company: Company }) {
  const { t, i18n } = useTranslation();
  const add = useAddCompanyUser(company.id);
  const form = useFormErrors('add-user');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [access, setAccess] = useState<ClientAccess>('full');
  const [locale, setLocale] = useState<Locale>(isLocale(i18n.language) ? i18n.language : 'en');
  const labels = {
    name: t('fields.name'),
    email: t('fields.email'),
    access: t('users.access'),
    locale: t('fields.language'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = t('validation.required');
    if (!email.trim()) missing.email = t('validation.required');
    if (Object.keys(missing).length) return form.setError(localError('', missing));
    form.clear();
    add.mutate(
      { name: name.trim(), email: email.trim(), access, locale },
      {
        onSuccess: (invitation) => {
          setName('');
          setEmail('');
          notifications.show({
            color: 'green',
            message: t('users.addedInvited', { name: invitation.name, email: invitation.email }),
          });
        },
        onError: form.setError,
      },
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-user-title">
      <Title order={2} size="h4" id="add-user-title" mb="xs">
        {t('users.add')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('users.addIntro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={520}>
          <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
          <TextInput
            label={labels.name}
            required
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            {...form.field('name')}
          />
          <TextInput
            label={labels.email}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            {...form.field('email')}
          />
          <div role="group" aria-labelledby="add-user-access">
            <Text size="sm" fw={500} id="add-user-access" mb={4}>
              {labels.access}
            </Text>
            <SegmentedControl
              value={access}
              onChange={(v) => setAccess(v as ClientAccess)}
              data={[
                { value: 'full', label: t('access.full') },
                { value: 'limited', label: t('access.limited') },
              ]}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {access === 'full' ? t('access.fullHint') : t('access.limitedHint')}
            </Text>
          </div>
          <NativeSelect
            label={labels.locale}
            data={languageOptions()}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value as Locale)}
            {...form.field('locale')}
          />
          <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('users.addSubmit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function RemoveUserModal({
  company,
  user,
  onClose,
}: {
  company: Company;
  user: CompanyUser | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const remove = useRemoveCompanyUser(company.id);
  const message = useErrorMessage();
  const format = useFormat();
  const confirm = () =>
    user &&
    remove.mutate(user.userId, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('users.removed', { name: user.name }) });
        onClose();
      },
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  return (
    <ConfirmModal
      opened={user !== null}
      title={t('users.removeTitle')}
      confirmLabel={t('users.removeConfirm')}
      loading={remove.isPending}
      onConfirm={confirm}
      onClose={onClose}
    >
      {user && (
        <>
          <Text>{t('users.removeText', { name: user.name, company: company.name })}</Text>
          <Text size="sm" c="dimmed">
            {t('users.addedOn', { date: format.date(user.createdAt) })}
          </Text>
        </>
      )}
    </ConfirmModal>
  );
}
