import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignedInMe } from '../../api/me';
import { NewConversationForm } from '../../components/conversations/NewConversationForm';
import { PageHeader } from '../../components/PageHeader';

/** "Write to your accountant": a page of its own, so that a phone gets the whole screen. */
export default function NewConversationPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const staff = me.kind === 'staff';
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={staff ? t('inbox.newConversation') : t('home.write')} />
      {!staff && <Text c="dimmed">{t('newConversation.clientIntro', { office: me.office.name })}</Text>}
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <NewConversationForm
          onCancel={() => void navigate(staff ? '/inbox' : '/conversations')}
          onCreated={(conversation) =>
            void navigate(staff ? `/inbox/${conversation.id}?view=all` : `/conversations/${conversation.id}`, {
              replace: true,
            })
          }
        />
      </Paper>
    </Stack>
  );
}
