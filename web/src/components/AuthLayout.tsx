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
        <Group justify="space-between" mb="lg" wrap="nowrap" gap="xs">
          {/* A long office name wraps beside the logo; the language picker never shrinks (it used to be cut to "Pols"). */}
          <Link to="/" style={{ textDecoration: 'none', color: 'inherit', minWidth: 0 }}>
            <Group gap="xs">
              <Logo />
              <Text fw={700} size="lg" lh={1.3} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                {officeName}
              </Text>
            </Group>
          </Link>
          <Box style={{ flexShrink: 0 }}>
            <LanguagePicker />
          </Box>
        </Group>
        <Paper component="main" id="main" withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
