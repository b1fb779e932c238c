import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Radio,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { attachmentAccept, MESSAGE_MAX, officeCountries, SUBJECT_MAX, type OfficeCountry } from '@bureau/common';
import { DEFAULT_MAX_BYTES } from '../../api/attachments';
import { useBroadcastPreview, useSendBroadcast, type BroadcastSelection } from '../../api/broadcasts';
import { newClientId, useChannels } from '../../api/conversations';
import { useSignedInMe } from '../../api/me';
import { useStaff } from '../../api/office';
import { useCompanyTags } from '../../api/companies';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ConfirmModal } from '../../components/ConfirmModal';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { AttachButton, UploadTray } from '../../components/conversations/UploadTray';
import { useUploads } from '../../components/conversations/useUploads';
import { useChannelName } from '../../lib/channels';
import { localError, useFormErrors } from '../../lib/forms';

type Audience = 'filter' | 'companies';

/** One message to many companies: who (a filter, or ticked by hand), where, and what. */
export default function NewBroadcastPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const channels = useChannels();
  const channelName = useChannelName();
  const staff = useStaff();
  const send = useSendBroadcast();
  const form = useFormErrors('new-broadcast');
  // Generated once per page: a retried send after a lost answer is the same broadcast.
  const [id] = useState(newClientId);
  const [audience, setAudience] = useState<Audience>('filter');
  const [status, setStatus] = useState<'active' | 'inactive' | ''>('active');
  const [country, setCountry] = useState('');
  const [assignedTo, setAssignedTo] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const tags = useCompanyTags();
  const [ticked, setTicked] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [mode, setMode] = useState<'conversation' | 'announcement'>('conversation');
  const [channelId, setChannelId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState(false);

  const filter: BroadcastSelection = {
    kind: 'filter',
    ...(status && { status }),
    ...(country && { country: country as OfficeCountry }),
    ...(assignedTo && { assignedTo }),
    ...(tag && { tag }),
  };
  const selection: BroadcastSelection = audience === 'filter' ? filter : { kind: 'companies', companyIds: ticked };
  const preview = useBroadcastPreview(audience === 'filter' ? filter : null);
  // The checklist: every company the author may write to (the first 500 by name).
  const all = useBroadcastPreview(audience === 'companies' ? { kind: 'filter' } : null, debouncedSearch);
  const reach = audience === 'filter' ? (preview.data?.total ?? 0) : ticked.length;
  const firstCompanyId = audience === 'filter' ? preview.data?.items[0]?.id : ticked[0];
  // Files are uploaded for one chosen company (the server copies them to every company at sending):
  // once there are files, that company stays, whatever the choice becomes — changing it would drop them.
  const [pinnedCompanyId, setPinnedCompanyId] = useState<string | undefined>();
  const uploads = useUploads(pinnedCompanyId ?? firstCompanyId, me.limits?.attachmentMaxBytes ?? DEFAULT_MAX_BYTES);
  const hasFiles = uploads.items.length > 0;
  if (hasFiles && !pinnedCompanyId && firstCompanyId) setPinnedCompanyId(firstCompanyId);
  if (!hasFiles && pinnedCompanyId) setPinnedCompanyId(undefined);

  const active = useMemo(() => (channels.data ?? []).filter((c) => !c.archived && c.key !== 'admin'), [channels.data]);
  const chosenChannel = channelId && active.some((c) => c.id === channelId) ? channelId : (active[0]?.id ?? '');
  const visible = all.data?.items ?? [];

  const labels = {
    selection: t('broadcasts.audience'),
    channelId: t('broadcasts.channel'),
    subject: t('broadcasts.subject'),
    body: t('broadcasts.body'),
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (reach === 0) missing.selection = t('broadcasts.chooseCompanies');
    if (mode === 'conversation' && !chosenChannel) missing.channelId = t('validation.required');
    if (!subject.trim()) missing.subject = t('validation.required');
    if (!body.trim() && uploads.attachments.length === 0) missing.body = t('validation.required');
    else if ([...body.trim()].length > MESSAGE_MAX) missing.body = t('composer.tooLong', { max: MESSAGE_MAX });
    if (Object.keys(missing).length) return form.setError(localError('', missing));
    if (uploads.busy || uploads.failed) return;
    form.clear();
    setConfirming(true);
  };

  const submit = () => {
    const attachmentIds = uploads.attachments.map((a) => a.id);
    uploads.setSending(attachmentIds, true);
    send.mutate(
      {
        id,
        subject: subject.trim(),
        body: body.trim(),
        mode,
        ...(mode === 'conversation' && { channelId: chosenChannel }),
        selection,
        attachmentIds,
      },
      {
        onSuccess: (broadcast) => void navigate(`/broadcasts/${broadcast.id}`, { replace: true }),
        onError: (error) => {
          uploads.setSending(attachmentIds, false);
          setConfirming(false);
          form.setError(error);
        },
      },
    );
  };

  if (channels.isPending) return <Loading />;
  if (channels.error) return <LoadError error={channels.error} onRetry={() => void channels.refetch()} />;

  return (
    <Stack gap="md" maw={860}>
      <PageHeader title={t('broadcasts.new')} />
      <form onSubmit={check} noValidate>
        <Stack gap="md">
          <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
          <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="sm">
              <Text fw={600} id="audience-label">
                {labels.selection}
              </Text>
              <SegmentedControl
                aria-labelledby="audience-label"
                value={audience}
                onChange={(v) => setAudience(v as Audience)}
                data={[
                  { value: 'filter', label: t('broadcasts.byFilter') },
                  { value: 'companies', label: t('broadcasts.byHand') },
                ]}
              />
              {audience === 'filter' ? (
                <Group grow align="start">
                  <NativeSelect
                    label={t('broadcasts.filterStatus')}
                    value={status}
                    onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
                    data={[
                      { value: 'active', label: t('broadcasts.statusActive') },
                      { value: 'inactive', label: t('broadcasts.statusInactive') },
                      { value: '', label: t('common.all') },
                    ]}
                  />
                  <NativeSelect
                    label={t('broadcasts.filterCountry')}
                    value={country}
                    onChange={(e) => setCountry(e.currentTarget.value)}
                    data={[
                      { value: '', label: t('common.all') },
                      ...officeCountries
                        .filter((c) => c !== 'OTHER')
                        .map((c) => ({ value: c, label: t(`country.${c}`) })),
                    ]}
                  />
                  <Select
                    label={t('broadcasts.filterAssigned')}
                    placeholder={t('common.all')}
                    clearable
                    searchable
                    value={assignedTo}
                    onChange={setAssignedTo}
                    data={(staff.data ?? [])
                      .filter((s) => !s.disabled)
                      .map((s) => ({ value: s.userId, label: s.name }))}
                  />
                  <Select
                    label={t('broadcasts.filterTag')}
                    placeholder={t('common.all')}
                    clearable
                    searchable
                    value={tag}
                    onChange={setTag}
                    data={tags.data ?? []}
                  />
                </Group>
              ) : (
                <Stack gap={6}>
                  <Group align="end">
                    <TextInput
                      label={t('broadcasts.searchCompany')}
                      value={search}
                      onChange={(e) => setSearch(e.currentTarget.value)}
                      style={{ flex: 1 }}
                    />
                    <Button
                      variant="default"
                      onClick={() => setTicked([...new Set([...ticked, ...visible.map((c) => c.id)])])}
                    >
                      {t('broadcasts.tickShown')}
                    </Button>
                    <Button variant="subtle" onClick={() => setTicked([])} disabled={ticked.length === 0}>
                      {t('broadcasts.untickAll')}
                    </Button>
                  </Group>
                  <ScrollArea.Autosize mah={280} type="auto">
                    <Checkbox.Group value={ticked} onChange={setTicked} aria-label={t('broadcasts.companies')}>
                      <Stack gap={6} py={4}>
                        {visible.map((c) => (
                          <Checkbox
                            key={c.id}
                            value={c.id}
                            label={c.status === 'inactive' ? `${c.name} (${t('broadcasts.statusInactive')})` : c.name}
                          />
                        ))}
                      </Stack>
                    </Checkbox.Group>
                  </ScrollArea.Autosize>
                </Stack>
              )}
              <Alert color={reach > 0 ? 'blue' : 'gray'} variant="light" role="status" id={`${form.formId}-selection`}>
                <Text size="sm" fw={600}>
                  {t('broadcasts.reach', { count: reach })}
                </Text>
                {audience === 'filter' && preview.data && preview.data.items.length > 0 && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {preview.data.items
                      .slice(0, 8)
                      .map((c) => c.name)
                      .join(', ')}
                    {preview.data.total > 8 ? ', …' : ''}
                  </Text>
                )}
              </Alert>
            </Stack>
          </Paper>
          <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="md">
              <Radio.Group label={t('broadcasts.mode')} value={mode} onChange={(v) => setMode(v as typeof mode)}>
                <Stack gap={6} mt={6}>
                  <Radio value="conversation" label={t('broadcasts.modeConversation')} />
                  {me.can.announce && <Radio value="announcement" label={t('broadcasts.modeAnnouncement')} />}
                </Stack>
              </Radio.Group>
              {mode === 'conversation' && (
                <NativeSelect
                  label={labels.channelId}
                  data={active.map((c) => ({ value: c.id, label: channelName(c) }))}
                  value={chosenChannel}
                  onChange={(e) => setChannelId(e.currentTarget.value)}
                  {...form.field('channelId')}
                />
              )}
              <TextInput
                label={labels.subject}
                required
                maxLength={SUBJECT_MAX}
                value={subject}
                onChange={(e) => setSubject(e.currentTarget.value)}
                {...form.field('subject')}
              />
              <Textarea
                label={labels.body}
                description={t('broadcasts.bodyHint')}
                required
                autosize
                minRows={6}
                maxRows={18}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                {...form.field('body')}
              />
              <div>
                <UploadTray uploads={uploads} />
                <Group gap={6}>
                  <AttachButton
                    onFiles={uploads.add}
                    accept={attachmentAccept}
                    disabled={!(pinnedCompanyId ?? firstCompanyId)}
                  />
                  <Text size="xs" c="dimmed">
                    {firstCompanyId ? t('upload.hint') : t('broadcasts.chooseCompaniesFirst')}
                  </Text>
                </Group>
              </div>
              <Group justify="flex-end">
                <Button variant="default" component={Link} to="/broadcasts">
                  {t('common.cancel')}
                </Button>
                <Button type="submit">{t('broadcasts.send')}</Button>
              </Group>
            </Stack>
          </Paper>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirming}
        title={t('broadcasts.confirmTitle', { count: reach })}
        confirmLabel={t('broadcasts.confirmSend')}
        loading={send.isPending}
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      >
        <Text size="sm">{t('broadcasts.confirmText')}</Text>
      </ConfirmModal>
    </Stack>
  );
}
