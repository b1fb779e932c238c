import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useConversation } from '../../api/conversations';
import { useSignedInMe } from '../../api/me';
import { ConversationThread } from '../../components/conversations/ConversationThread';
import classes from './inbox.module.css';

/** One conversation on its own page: a client's thread, or a link staff followed from elsewhere. */
export default function ConversationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useSignedInMe();
  const conversation = useConversation(id);
  useDocumentTitle(`${conversation.data?.subject ?? t('clientConversations.title')} · Bureau`);
  const staff = me.kind === 'staff';
  return (
    <div className={classes.page}>
      <ConversationThread
        id={id}
        headingOrder={1}
        back={
          staff
            ? { to: '/inbox', label: t('inbox.title') }
            : { to: '/conversations', label: t('clientConversations.all') }
        }
        extra={
          staff ? (
            <Button component={Link} to={`/inbox/${id}?view=all`} variant="default" size="xs" visibleFrom="sm">
              {t('conversation.openInInbox')}
            </Button>
          ) : undefined
        }
      />
    </div>
  );
}
