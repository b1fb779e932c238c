import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyList, useCompanyUsers } from '../../api/companies';
import { attachmentAccept, type Conversation, MESSAGE_MAX, SUBJECT_MAX, type Visibility } from '@bureau/common';
import { DEFAULT_MAX_BYTES } from '../../api/attachments';
import { newClientId, useChannels, useStartConversation } from '../../api/conversations';
import { useSignedInMe } from '../../api/me';
import { useChannelName } from '../../lib/channels';
import { useParticipantOptions } from '../../api/messageHistory';
import { useDraft } from '../../lib/drafts';
import { localError, useFormErrors } from '../../lib/forms';
import { ErrorSummary } from '../ErrorSummary';
import { Loading, LoadError } from '../Feedback';
import { AttachButton, UploadTray } from './UploadTray';
import { useUploads } from './useUploads';

type Draft = {
  /** Kept with the text so that a retry after a lost answer starts no second conversation. */
  clientId: string;
  company: { id: string; name: string } | null;
  channelId: string;
  subject: string;
  body: string;
  visibility: Visibility | '';
  participantIds: string[];
};

const emptyDraft = (): Draft => ({
  clientId: newClientId(),
  company: null,
  channelId: '',
  subject: '',
  body: '',
  visibility: '',
  participantIds: [],
});
const isEmptyDraft = (d: Draft) => !d.subject.trim() && !d.body.trim() && d.participantIds.length === 0;

type Props = {
  onCreated: (conversation: Conversation) => void;
  onCancel?: () => void;
  /** Staff starting from a company's page. */
  company?: { id: string; name: string };
};

/**
 * A new conversation. Staff choose the company, the channel and who sees it (everyone with full
 * access, or chosen people); clients choose the channel and "everyone at my company" or "only me"
 * (limited users: only me). The text is kept on this device until it is sent.
 */
export function NewConversationForm({ onCreated, onCancel, company: fixedCompany }: Props) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const staff = me.kind === 'staff';
  const limited = !me.can.writeToWholeCompany;
  const channels = useChannels();
  const channelName = useChannelName();
  const start = useStartConversation();
  const form = useFormErrors('new-conversation');
  const [stored, setDraft] = useDraft<Draft>(`${me.user.id}.new`, emptyDraft(), isEmptyDraft);
  const draft: Draft = { ...stored, company: fixedCompany ?? stored.company };
  const uploadCompanyId = staff ? draft.company?.id : undefined;
  const uploads = useUploads(uploadCompanyId, me.limits?.attachmentMaxBytes ?? DEFAULT_MAX_BYTES);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const active = useMemo(() => (channels.data ?? []).filter((c) => !c.archived), [channels.data]);
  const channelId =
    draft.channelId && active.some((c) => c.id === draft.channelId) ? draft.channelId : (active[0]?.id ?? '');
  const visibility: Visibility = limited ? 'private' : draft.visibility || 'company';

  const labels = {
    companyId: t('newConversation.company'),
    channelId: t('newConversation.channel'),
    subject: t('newConversation.subject'),
    body: t('newConversation.message'),
    visibility: t('newConversation.visibility'),
    participantIds: t('newConversation.participants'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (staff && !draft.company) missing.companyId = t('newConversation.chooseCompany');
    if (!channelId) missing.channelId = t('validation.required');
    if (!draft.subject.trim()) missing.subject = t('validation.required');
    if (!draft.body.trim() && uploads.attachments.length === 0) missing.body = t('validation.required');
    else if ([...draft.body.trim()].length > MESSAGE_MAX) missing.body = t('composer.tooLong', { max: MESSAGE_MAX });
    if (staff && visibility === 'private' && draft.participantIds.length === 0)
      missing.participantIds = t('newConversation.chooseParticipants');
    if (Object.keys(missing).length) return form.setError(localError('', missing));
    if (uploads.busy || uploads.failed) return;
    form.clear();
    const attachmentIds = uploads.attachments.map((a) => a.id);
    uploads.setSending(attachmentIds, true);
    start.mutate(
      {
        ...(staff && draft.company ? { companyId: draft.company.id } : {}),
        channelId,
        subject: draft.subject.trim(),
        body: draft.body.trim(),
        attachmentIds,
        clientId: draft.clientId,
        visibility,
        ...(visibility === 'private' ? { participantIds: draft.participantIds } : {}),
      },
      {
        onSuccess: (conversation) => {
          uploads.clear();
          setDraft(emptyDraft());
          onCreated(conversation);
        },
        onError: (error) => {
          uploads.setSending(attachmentIds, false);
          form.setError(error);
        },
      },
    );
  };

  if (channels.isPending) return <Loading />;
  if (channels.error) return <LoadError error={channels.error} onRetry={() => void channels.refetch()} />;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        {staff && !fixedCompany && (
          <CompanySelect
            label={labels.companyId}
            value={draft.company}
            onChange={(company) => setDraft((d) => ({ ...d, company, participantIds: [] }))}
            {...form.field('companyId')}
          />
        )}
        {staff ? (
          <NativeSelect
            label={labels.channelId}
            data={active.map((c) => ({ value: c.id, label: channelName(c) }))}
            value={channelId}
            onChange={(e) => set('channelId', e.currentTarget.value)}
            {...form.field('channelId')}
          />
        ) : (
          <Radio.Group
            label={t('newConversation.clientChannel')}
            value={channelId}
            onChange={(value) => set('channelId', value)}
            {...form.field('channelId')}
          >
            <Stack gap={4} mt={6}>
              {active.map((c) => (
                <Radio
                  key={c.id}
                  value={c.id}
                  label={channelName(c)}
                  styles={{ body: { minHeight: 44, alignItems: 'center' } }}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <TextInput
          label={labels.subject}
          description={t('newConversation.subjectHint')}
          required
          maxLength={SUBJECT_MAX}
          value={draft.subject}
          onChange={(e) => set('subject', e.currentTarget.value)}
          {...form.field('subject')}
        />
        <Textarea
          label={labels.body}
          description={t('newConversation.messageHint')}
          required
          autosize
          minRows={5}
          maxRows={16}
          value={draft.body}
          onChange={(e) => set('body', e.currentTarget.value)}
          onPaste={(event) => {
            const files = [...event.clipboardData.files];
            if (files.length === 0 || (staff && !uploadCompanyId)) return;
            event.preventDefault();
            uploads.add(files);
          }}
          {...form.field('body')}
        />
        <div>
          <UploadTray uploads={uploads} />
          <Group gap={6}>
            <AttachButton onFiles={uploads.add} accept={attachmentAccept} disabled={staff && !uploadCompanyId} />
            <Text size="xs" c="dimmed">
              {staff && !uploadCompanyId ? t('newConversation.chooseCompanyFirst') : t('upload.hint')}
            </Text>
          </Group>
        </div>
        {staff ? (
          <StaffVisibility
            companyId={draft.company?.id}
            visibility={visibility}
            onVisibility={(v) => set('visibility', v)}
            participantIds={draft.participantIds}
            onParticipants={(ids) => set('participantIds', ids)}
            label={labels.visibility}
            participantsError={form.fields.participantIds}
            formId={form.formId}
          />
        ) : (
          <ClientVisibility
            limited={limited}
            visibility={visibility}
            onVisibility={(v) => set('visibility', v)}
            participantIds={draft.participantIds}
            onParticipants={(ids) => set('participantIds', ids)}
            label={labels.visibility}
            companyName={me.company?.name ?? ''}
            error={form.field('visibility').error}
          />
        )}
        <Text size="xs" c="dimmed">
          {t('newConversation.draftKept')}
        </Text>
        <Group justify="flex-end" gap="sm">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={start.isPending}>
            {t('newConversation.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A company chosen by typing part of its name or tax id (searched on the server). */
export function CompanySelect({
  label,
  value,
  onChange,
  id,
  error,
  required = true,
  description,
}: {
  label: string;
  value: { id: string; name: string } | null;
  onChange: (company: { id: string; name: string } | null) => void;
  id?: string;
  error?: string;
  required?: boolean;
  description?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // While the field shows the chosen company's name, list by nothing (the first page).
  const query = value && debounced === value.name ? '' : debounced;
  const list = useCompanyList({ search: query, page: 1 });
  const data = useMemo(() => {
    const items = (list.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (value && !items.some((i) => i.value === value.id)) items.unshift({ value: value.id, label: value.name });
    return items;
  }, [list.data, value]);
  return (
    <Select
      id={id}
      label={label}
      description={description === undefined ? t('newConversation.companyHint') : description}
      required={required}
      searchable
      clearable
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(next, option) => onChange(next && option ? { id: next, name: option.label } : null)}
      nothingFoundMessage={list.isFetching ? t('common.loading') : t('common.noResults')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      // The list of companies scrolls: a keyboard must reach it to scroll it (axe: scrollable-region-focusable).
      scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': label } }}
    />
  );
}

function StaffVisibility(props: {
  companyId: string | undefined;
  visibility: Visibility;
  onVisibility: (v: Visibility) => void;
  participantIds: string[];
  onParticipants: (ids: string[]) => void;
  label: string;
  participantsError?: string;
  formId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Radio.Group label={props.label} value={props.visibility} onChange={(v) => props.onVisibility(v as Visibility)}>
        <Stack gap="xs" mt={6}>
          <Radio
            value="company"
            label={t('newConversation.visibilityCompany')}
            description={t('newConversation.visibilityCompanyHint')}
          />
          <Radio
            value="private"
            label={t('newConversation.visibilityPrivate')}
            description={t('newConversation.visibilityPrivateHint')}
          />
        </Stack>
      </Radio.Group>
      {props.visibility === 'private' &&
        (props.companyId ? (
          <Participants {...props} companyId={props.companyId} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('newConversation.chooseCompanyFirst')}
          </Text>
        ))}
    </Stack>
  );
}

function Participants({
  companyId,
  participantIds,
  onParticipants,
  participantsError,
  formId,
}: {
  companyId: string;
  participantIds: string[];
  onParticipants: (ids: string[]) => void;
  participantsError?: string;
  formId: string;
}) {
  const { t } = useTranslation();
  const users = useCompanyUsers(companyId);
  if (users.isPending) return <Loading />;
  if (users.error) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;
  if (users.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('newConversation.noUsers')}
      </Text>
    );
  return (
    <Checkbox.Group
      id={`${formId}-participantIds`}
      label={t('newConversation.participants')}
      description={t('newConversation.participantsHint')}
      value={participantIds}
      onChange={onParticipants}
      error={participantsError}
      pl="md"
    >
      <Stack gap={6} mt={6}>
        {users.data.map((u) => (
          <Checkbox
            key={u.userId}
            value={u.userId}
            label={
              <Group gap={6} component="span">
                <span>{u.name}</span>
                {u.access === 'limited' && (
                  <Badge size="xs" color="grape" variant="light" radius="sm" component="span">
                    {t('access.limited')}
                  </Badge>
                )}
              </Group>
            }
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/**
 * Who sees a client's new conversation: everyone with full access at the company, or only them and the colleagues
 * they tick (a limited user: only the latter). The colleagues are those the server lists for a private conversation.
 */
function ClientVisibility(props: {
  limited: boolean;
  visibility: Visibility;
  onVisibility: (v: Visibility) => void;
  participantIds: string[];
  onParticipants: (ids: string[]) => void;
  label: string;
  companyName: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const colleagues = useParticipantOptions(undefined);
  const some = (colleagues.data?.length ?? 0) > 0;
  const picker =
    props.visibility === 'private' && some ? (
      <Checkbox.Group
        label={t('clientNav.colleaguesLabel')}
        value={props.participantIds}
        onChange={props.onParticipants}
        pl={props.limited ? 0 : 'md'}
      >
        <Stack gap={0} mt={4}>
          {colleagues.data!.map((c) => (
            <Checkbox
              key={c.userId}
              value={c.userId}
              label={c.name}
              styles={{ body: { minHeight: 44, alignItems: 'center' } }}
            />
          ))}
        </Stack>
      </Checkbox.Group>
    ) : null;
  if (props.limited)
    return (
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {some ? t('clientNav.colleaguesHint') : t('newConversation.limitedNote')}
        </Text>
        {picker}
      </Stack>
    );
  return (
    <Stack gap="xs">
      <Radio.Group
        label={props.label}
        value={props.visibility}
        onChange={(v) => props.onVisibility(v as Visibility)}
        error={props.error}
      >
        <Stack gap="xs" mt={6}>
          <Radio
            value="company"
            label={t('newConversation.everyone')}
            description={t('newConversation.everyoneHint', { company: props.companyName })}
          />
          <Radio
            value="private"
            label={some ? t('clientNav.colleagues') : t('newConversation.onlyMe')}
            description={some ? t('clientNav.colleaguesHint') : t('newConversation.onlyMeHint')}
          />
        </Stack>
      </Radio.Group>
      {picker}
    </Stack>
  );
}
