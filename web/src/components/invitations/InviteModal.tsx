import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCompanyInvitations, useInvite, useResendInvitation } from '../../api/invitations';
import { useSignedInMe } from '../../api/me';
import type { ClientAccess, Locale } from '@bureau/common';
import { isLocale } from '../../i18n';
import { localError, useFormErrors } from '../../lib/forms';
import { languageOptions } from '../../lib/options';
import { ErrorSummary } from '../ErrorSummary';
import { emptyInvitedCompany, InvitedCompanyFields, type InvitedCompanyDraft } from './InvitedCompanyFields';
import { useErrorMessage } from '../useErrorMessage';

/**
 * "Invite": the person's name, e-mail, mobile (for the SMS, optional), access and the e-mail's language.
 * Staff invite a company's representative; a full-access client user invites a colleague (`colleague`).
 */
export function InviteModal({
  opened,
  onClose,
  companyId,
  companyName,
  colleague = false,
  byTaxId = false,
  onInvited,
}: {
  opened: boolean;
  onClose: () => void;
  companyId: string;
  companyName: string;
  colleague?: boolean;
  /** A new client: the company is named by its tax id (and created with the invitation if the office does not have it). */
  byTaxId?: boolean;
  onInvited?: () => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const invite = useInvite();
  const resend = useResendInvitation();
  const existing = useCompanyInvitations(opened ? companyId : '');
  const message = useErrorMessage();
  const form = useFormErrors('invite');
  const officeLocale: Locale = isLocale(me.office.defaultLocale) ? me.office.defaultLocale : 'en';
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [access, setAccess] = useState<ClientAccess>(colleague ? 'limited' : 'full');
  const [locale, setLocale] = useState<Locale>(officeLocale);
  const [company, setCompany] = useState<InvitedCompanyDraft>(emptyInvitedCompany);

  const labels = {
    name: colleague ? t('invitations.fields.colleagueName') : t('invitations.fields.name'),
    email: t('fields.email'),
    phone: t('invitations.fields.phone'),
    access: t('invitations.fields.access'),
    locale: t('invitations.fields.language'),
    taxId: t('invitations.fields.taxId'),
    companyName: t('company.name'),
  };

  const close = () => {
    form.clear();
    invite.reset();
    setName('');
    setEmail('');
    setPhone('');
    setAccess(colleague ? 'limited' : 'full');
    setLocale(officeLocale);
    setCompany(emptyInvitedCompany());
    onClose();
  };

  // "Already invited": the open invitation to that address, so it can be sent again instead.
  const openOne = isApiError(form.error, 'invitation.already_invited')
    ? existing.data?.find(
        (i) => i.email.toLowerCase() === email.trim().toLowerCase() && (i.status === 'sent' || i.status === 'opened'),
      )
    : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (byTaxId && !company.taxId.trim()) problems.taxId = t('validation.required');
    if (byTaxId && !company.name.trim()) problems.companyName = t('validation.required');
    if (!name.trim()) problems.name = t('validation.required');
    if (!email.trim()) problems.email = t('validation.required');
    // National numbers are read in the office's country by the server, which says in the person's language what is wrong.
    const mobile = phone.trim();
    if (Object.keys(problems).length) return form.setError(localError('', problems));
    form.clear();
    invite.mutate(
      {
        ...(byTaxId
          ? {
              company: {
                country: company.country,
                taxId: company.taxId.trim(),
                name: company.name.trim(),
                ...(company.address && { address: company.address }),
              },
            }
          : { companyId }),
        name: name.trim(),
        email: email.trim(),
        access,
        locale,
        ...(mobile && { phone: mobile }),
      },
      {
        onSuccess: (sent) => {
          notifications.show({
            color: 'green',
            message: sent.phone
              ? t('invitations.sentWithSms', { email: sent.email, phone: sent.phone })
              : t('invitations.sent', { email: sent.email }),
          });
          close();
          onInvited?.();
        },
        onError: (error) => {
          form.setError(error);
          // The list may predate that invitation: fetch it to offer "send it again".
          if (isApiError(error, 'invitation.already_invited')) void existing.refetch();
        },
      },
    );
  };

  const sendAgain = () =>
    openOne &&
    resend.mutate(openOne.id, {
      onSuccess: (again) => {
        notifications.show({ color: 'green', message: t('invitations.resent', { email: again.email }) });
        close();
      },
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        colleague
          ? t('invitations.inviteColleagueTitle')
          : byTaxId
            ? t('invitations.inviteClientTitle')
            : t('invitations.inviteTitle', { company: companyName })
      }
      size="md"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {colleague
              ? t('invitations.inviteColleagueIntro', { company: companyName })
              : byTaxId
                ? t('invitations.inviteClientIntro')
                : t('invitations.inviteIntro')}
          </Text>
          <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
          {byTaxId && <InvitedCompanyFields value={company} onChange={setCompany} form={form} />}
          {openOne && (
            <Alert color="blue" variant="light" role="status">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('invitations.alreadyInvited', { email: openOne.email })}</Text>
                <Button size="sm" variant="white" loading={resend.isPending} onClick={sendAgain}>
                  {t('invitations.resendInstead')}
                </Button>
              </Stack>
            </Alert>
          )}
          <TextInput
            label={labels.name}
            required
            data-autofocus={!byTaxId}
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
          <TextInput
            label={labels.phone}
            description={t('invitations.phoneHint')}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="+48 600 123 456"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            {...form.field('phone')}
          />
          <NativeSelect
            label={labels.access}
            description={access === 'full' ? t('access.fullHint') : t('access.limitedHint')}
            value={access}
            onChange={(e) => setAccess(e.currentTarget.value as ClientAccess)}
            data={[
              { value: 'full', label: t('access.full') },
              { value: 'limited', label: t('access.limited') },
            ]}
            {...form.field('access')}
          />
          <NativeSelect
            label={labels.locale}
            description={t('invitations.languageHint')}
            data={languageOptions()}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value as Locale)}
            {...form.field('locale')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('invitations.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
