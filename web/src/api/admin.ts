// Owner/admin tools: the audit log, the e-mail outbox and the e-mails that arrived at the reply listener.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Query } from './client';
import type { AuditEntry, InboundEmail, OutboxItem, OutboxMessage, Paged } from '@bureau/common';

export const ADMIN_PAGE_SIZE = 50;

export type AuditParams = { action?: string; objectType?: string; from?: string; to?: string; page: number };

export function useAuditLog(params: AuditParams) {
  return useQuery({
    queryKey: ['audit', params],
    queryFn: ({ signal }) =>
      api.get<Paged<AuditEntry>>(withQuery('/audit', { ...params, pageSize: ADMIN_PAGE_SIZE } as Query), signal),
    placeholderData: keepPreviousData,
  });
}

export function useOutbox(page: number) {
  return useQuery({
    queryKey: ['outbox', page],
    queryFn: ({ signal }) =>
      api.get<Paged<OutboxItem>>(withQuery('/outbox', { page, pageSize: ADMIN_PAGE_SIZE }), signal),
    placeholderData: keepPreviousData,
  });
}

export function useOutboxMessage(id: string | undefined) {
  return useQuery({
    queryKey: ['outbox-message', id],
    queryFn: () => api.get<OutboxMessage>(`/outbox/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useInboundEmails(page: number) {
  return useQuery({
    queryKey: ['inbound-emails', page],
    queryFn: ({ signal }) =>
      api.get<Paged<InboundEmail>>(withQuery('/inbound-emails', { page, pageSize: ADMIN_PAGE_SIZE }), signal),
    placeholderData: keepPreviousData,
  });
}
