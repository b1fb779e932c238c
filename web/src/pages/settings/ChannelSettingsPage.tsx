import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChannels, useCreateChannel, useUpdateChannel } from '../../api/conversations';
import {
  CHANNEL_NAME_MAX,
  type Channel,
  type ChannelNames,
  type Locale,
  locales,
  specialties,
  type Specialty,
} from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { LANGUAGE_NAMES } from '../../components/LanguagePicker';
import { PageHeader } from '../../components/PageHeader';
import { useErrorMessage } from '../../components/useErrorMessage';
import { channelName as nameIn, useChannelName } from '../../lib/channels';
import { localError, useFormErrors } from '../../lib/forms';

/** The office's channels: their names in each language, who they reach, their order; add and archive. */
export default function ChannelSettingsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  const [editing, setEditing] = useState<Channel | 'new' | null>(null);
  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('channels.title')}>
        <Button onClick={() => setEditing('new')}>{t('channels.add')}</Button>
      </PageHeader>
      <Text c="dimmed" maw={720}>
        {t('channels.intro')}
      </Text>
      {channels.isPending ? (
        <Loading />
      ) : channels.error ? (
        <LoadError error={channels.error} onRetry={() => void channels.refetch()} />
      ) : (
        <ChannelList channels={channels.data} onEdit={setEditing} />
      )}
      <ChannelModal channel={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function ChannelList({ channels, onEdit }: { channels: Channel[]; onEdit: (c: Channel) => void }) {
  const { t } = useTranslation();
  const name = useChannelName();
  const update = useUpdateChannel();
  const message = useErrorMessage();
  const phone = useMediaQuery('(max-width: 48em)');
  const specialty = (c: Channel) => (c.specialty ? t(`specialty.${c.specialty}`) : t('channels.noSpecialty'));

  const fail = (error: unknown) =>
    notifications.show({
      closeButtonProps: { 'aria-label': t('common.close') },
      color: 'red',
      message: message(error),
    });
  const toggleArchive = (c: Channel) =>
    update.mutate(
      { id: c.id, archived: !c.archived },
      {
        onSuccess: () =>
          notifications.show({
            closeButtonProps: { 'aria-label': t('common.close') },
            color: 'green',
            message: t(c.archived ? 'channels.restored' : 'channels.archivedDone', { name: name(c) }),
          }),
        onError: fail,
      },
    );
  // Swapping positions with the neighbour (two PATCHes; positions may have gaps).
  const move = async (index: number, by: -1 | 1) => {
    const a = channels[index];
    const b = channels[index + by];
    if (!a || !b) return;
    const [pa, pb] = a.position === b.position ? [b.position + by, a.position] : [b.position, a.position];
    try {
      await update.mutateAsync({ id: a.id, position: Math.max(0, pa) });
      await update.mutateAsync({ id: b.id, position: Math.max(0, pb) });
    } catch (error) {
      fail(error);
    }
  };

  const actions = (c: Channel, i: number) => (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <ActionIcon
        variant="default"
        disabled={i === 0 || update.isPending}
        onClick={() => void move(i, -1)}
        aria-label={t('channels.moveUp', { name: name(c) })}
      >
        <span aria-hidden="true">↑</span>
      </ActionIcon>
      <ActionIcon
        variant="default"
        disabled={i === channels.length - 1 || update.isPending}
        onClick={() => void move(i, 1)}
        aria-label={t('channels.moveDown', { name: name(c) })}
      >
        <span aria-hidden="true">↓</span>
      </ActionIcon>
      <Button
        variant="default"
        size="xs"
        onClick={() => onEdit(c)}
        aria-label={t('channels.editNamed', { name: name(c) })}
      >
        {t('common.edit')}
      </Button>
      <Button
        variant="default"
        size="xs"
        c={c.archived ? undefined : 'red.9'}
        onClick={() => toggleArchive(c)}
        aria-label={t(c.archived ? 'channels.unarchiveNamed' : 'channels.archiveNamed', { name: name(c) })}
      >
        {c.archived ? t('channels.unarchive') : t('channels.archive')}
      </Button>
    </Group>
  );
  const status = (c: Channel) =>
    c.archived ? (
      <Badge color="gray" variant="outline" radius="sm">
        {t('channels.archived')}
      </Badge>
    ) : (
      <Badge color="green" variant="light" radius="sm">
        {t('channels.active')}
      </Badge>
    );

  if (phone) {
    return (
      <Stack gap="xs">
        {channels.map((c, i) => (
          <Card key={c.id} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Text fw={600} fs={c.archived ? 'italic' : undefined}>
                  {name(c)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('channels.specialty')}: {specialty(c)}
                </Text>
              </div>
              {status(c)}
            </Group>
            <Group mt="xs" justify="flex-end">
              {actions(c, i)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Card withBorder padding={0}>
      <Table verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('channels.col.name')}</Table.Th>
            <Table.Th>{t('channels.specialty')}</Table.Th>
            <Table.Th>{t('channels.col.status')}</Table.Th>
            <Table.Th ta="right">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {channels.map((c, i) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text fw={500} fs={c.archived ? 'italic' : undefined}>
                  {name(c)}
                </Text>
                {c.key && (
                  <Text size="xs" c="dimmed">
                    {t('channels.standard')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{specialty(c)}</Table.Td>
              <Table.Td>{status(c)}</Table.Td>
              <Table.Td>{actions(c, i)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ChannelModal({ channel, onClose }: { channel: Channel | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const editing = channel !== null && channel !== 'new' ? channel : null;
  return (
    <Modal
      opened={channel !== null}
      onClose={onClose}
      title={editing ? t('channels.edit') : t('channels.add')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {channel !== null && <ChannelForm key={editing?.id ?? 'new'} channel={editing} onDone={onClose} />}
    </Modal>
  );
}

function ChannelForm({ channel, onDone }: { channel: Channel | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  // The placeholders show each language's standard name: load the other languages' texts.
  const [, setLoaded] = useState(false);
  useEffect(() => {
    void i18n.loadLanguages([...locales]).then(() => setLoaded(true));
  }, [i18n]);
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const form = useFormErrors('channel');
  const [names, setNames] = useState<Record<Locale, string>>(() => ({
    en: channel?.names.en ?? '',
    pl: channel?.names.pl ?? '',
    ro: channel?.names.ro ?? '',
    fr: channel?.names.fr ?? '',
  }));
  const [specialty, setSpecialty] = useState<string>(channel?.specialty ?? '');
  const labels: Record<string, string> = Object.fromEntries(
    locales.map((l) => [`names.${l}`, t('channels.nameIn', { language: LANGUAGE_NAMES[l] })]),
  );
  labels.names = t('channels.namesTitle');
  labels.specialty = t('channels.specialty');

  // For a standard channel, an empty field shows our translation in that language.
  const standardName = (l: Locale) =>
    channel?.key
      ? nameIn({ key: channel.key, names: {} }, l, i18n.getFixedT(l, 'web') as unknown as (key: string) => string)
      : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned: ChannelNames = {};
    for (const l of locales) if (names[l].trim()) cleaned[l] = names[l].trim();
    if (!channel?.key && Object.keys(cleaned).length === 0)
      return form.setError(localError('', { 'names.en': t('channels.nameRequired') }));
    form.clear();
    const body = { names: cleaned, specialty: (specialty || null) as Specialty | null };
    const done = () => {
      notifications.show({
        closeButtonProps: { 'aria-label': t('common.close') },
        color: 'green',
        message: t('common.saved'),
      });
      onDone();
    };
    if (channel) update.mutate({ id: channel.id, ...body }, { onSuccess: done, onError: form.setError });
    else create.mutate(body, { onSuccess: done, onError: form.setError });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Title order={3} size="h5" component="legend" mb={4}>
            {t('channels.namesTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {channel?.key ? t('channels.namesHintStandard') : t('channels.namesHintCustom')}
          </Text>
          {locales.map((l, i) => (
            <TextInput
              key={l}
              label={labels[`names.${l}`]}
              lang={l}
              maxLength={CHANNEL_NAME_MAX}
              placeholder={standardName(l)}
              value={names[l]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setNames((n) => ({ ...n, [l]: value }));
              }}
              data-autofocus={i === 0 || undefined}
              id={`${form.formId}-names.${l}`}
              error={form.fields[`names.${l}`] ?? form.fields[`names/${l}`]}
            />
          ))}
        </Stack>
        <NativeSelect
          label={labels.specialty}
          description={t('channels.specialtyHint')}
          data={[
            { value: '', label: t('channels.noSpecialty') },
            ...specialties.map((s) => ({ value: s, label: t(`specialty.${s}`) })),
          ]}
          value={specialty}
          onChange={(e) => setSpecialty(e.currentTarget.value)}
          {...form.field('specialty')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {channel ? t('common.saveChanges') : t('channels.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
