import { Kbd, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePageShortcuts } from '../shortcuts/pageShortcuts';

/** A box that searches the messages on the search screen; "/" puts the cursor in it where it is shown. */
export function SearchBox({ hint = false }: { hint?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  usePageShortcuts({ search: () => input.current?.focus() });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    void navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  };
  return (
    <form role="search" onSubmit={submit} aria-label={t('search.label')}>
      <TextInput
        ref={input}
        type="search"
        size="sm"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        enterKeyHint="search"
        rightSection={hint ? <Kbd size="xs">/</Kbd> : undefined}
        rightSectionPointerEvents="none"
      />
    </form>
  );
}
