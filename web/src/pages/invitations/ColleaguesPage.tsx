import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useCompanyUsers } from '../../api/companies';
import { useSignedInMe } from '../../api/me';
import { InvitationsSection } from '../../components/invitations/InvitationsSection';
import { InviteModal } from '../../components/invitations/InviteModal';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { AccessBadge } from '../../components/StatusBadge';

/** For a client user with full access: who of their company has access, their invitations, and inviting a colleague. */
export default function ColleaguesPage() {
  const me = useSignedInMe();
  if (!me.can.manageColleagues || !me.company) return <Navigate to="/" replace />;
  return <Colleagues companyId={me.company.id} companyName={me.company.name} />;
}

function Colleagues({ companyId, companyName }: { companyId: string; companyName: string }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const users = useCompanyUsers(companyId);
  const [inviting, setInviting] = useState(false);
  const invite = (
    <Button size="md" onClick={() => setInviting(true)}>
      {t('invitations.invite')}
    </Button>
  );

  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={t('invitations.colleagues.title')}
        documentTitle={`${t('invitations.colleagues.title')} · ${companyName}`}
      >
        {invite}
      </PageHeader>
      <Text c="dimmed" mt={-16}>
        {t('invitations.colleagues.intro', { company: companyName })}
      </Text>

      <Card withBorder padding={0} component="section" aria-labelledby="colleagues-title">
        <Title order={2} size="h4" id="colleagues-title" p="md" pb="xs">
          {t('invitations.colleagues.withAccess')}
        </Title>
        {users.isPending ? (
          <Loading />
        ) : users.error ? (
          <LoadError error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {users.data.map((u) => (
              <Group
                key={u.userId}
                component="li"
                justify="space-between"
                wrap="nowrap"
                gap="xs"
                p="md"
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <div style={{ minWidth: 0 }}>
                  <Text fw={500}>
                    {u.name}
                    {u.userId === me.user.id && (
                      <Badge ml={6} size="sm" variant="outline" color="gray" radius="sm">
                        {t('invitations.colleagues.you')}
                      </Badge>
                    )}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {u.email}
                  </Text>
                </div>
                <div style={{ flexShrink: 0 }}>
                  <AccessBadge access={u.access} />
                </div>
              </Group>
            ))}
          </Stack>
        )}
      </Card>

      <InvitationsSection companyId={companyId} canManage />
      <InviteModal
        opened={inviting}
        onClose={() => setInviting(false)}
        companyId={companyId}
        companyName={companyName}
        colleague
      />
    </Stack>
  );
}
