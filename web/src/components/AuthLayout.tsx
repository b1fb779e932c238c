import { Box, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSetupStatus } from '../api/auth';
import { LanguagePicker } from './LanguagePicker';
import { Logo } from './Logo';

/** The frame of the pages before sign-in: logo, language picker and one centred card. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  // Clients recognise their accountant's name, not the software's.
  const officeName = useSetupStatus().data?.officeName ?? 'Bureau';
  return (
    <Box mih="100dvh" py={{ base: 'md', sm: 48 }}>
      <Container size={wide ? 560 : 440} px="md">
        <Group justify="space-between" mb="lg" wrap="nowrap">
          <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
            <Group gap="xs">
              <Logo />
              <Text fw={700} size="lg">
                {officeName}
              </Text>
            </Group>
          </Link>
          <LanguagePicker />
        </Group>
        <Paper component="main" id="main" withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
