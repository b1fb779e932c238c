// Owner/admin tools: the audit log, the e-mail outbox and the e-mails that arrived at the reply listener.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Query } from './client';
import type { AuditEntry, AuditQuery, InboundEmail, OutboxItem, OutboxMessage, Paged } from '@bureau/common';

export const ADMIN_PAGE_SIZE = 50;

/** The filters the audit page offers; it always names its page, and the page size is fixed here. */
export type AuditParams = Pick<AuditQuery, 'action' | 'objectType' | 'from' | 'to'> &
  Required<Pick<AuditQuery, 'page'>>;

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
