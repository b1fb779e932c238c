// Client companies: the paged list, one company, its users, assignments and status.
import type {
  Assignment,
  ClientAccess,
  Company,
  CompanyListItem,
  CompanyListQuery,
  CompanyStatus,
  CompanyUser,
  DeletedCompanyView,
  InvitationView,
  Locale,
  NewCompany,
  Paged,
  RegistryCompany,
  Specialty,
  StatusHistoryEntry,
} from '@bureau/common';

export type { NewCompany, RegistryCompany } from '@bureau/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from './client';

export const COMPANY_PAGE_SIZE = 50;

/** The list's filters; the web always names its page, keeps the server's order and fixes the page size. */
export type CompanyListParams = Omit<CompanyListQuery, 'page' | 'pageSize' | 'sort'> &
  Required<Pick<CompanyListQuery, 'page'>>;

const companyKey = (id: string) => ['company', id] as const;

export function useCompanyList(params: CompanyListParams) {
  return useQuery({
    queryKey: ['companies', params],
    queryFn: ({ signal }) =>
      api.get<Paged<CompanyListItem>>(withQuery('/companies', { ...params, pageSize: COMPANY_PAGE_SIZE }), signal),
    placeholderData: keepPreviousData,
  });
}

/** The tags in use on the office's companies (for pickers and filters). */
export function useCompanyTags(enabled = true) {
  return useQuery({
    queryKey: ['companies', 'tags'],
    queryFn: ({ signal }) => api.get<{ items: string[] }>('/companies/tags', signal),
    select: (data) => data.items,
    enabled,
    staleTime: 30_000,
  });
}

export function useCompany(id: string | undefined) {
  return useQuery({
    queryKey: companyKey(id ?? ''),
    queryFn: () => api.get<Company>(`/companies/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCompany) => api.post<Company>('/companies', body),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKey(company.id), company);
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
    },
  });
}

export type CompanyPatch = Partial<NewCompany> & { notificationEmail?: string | null };

export function useUpdateCompany(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyPatch) => api.patch<Company>(`/companies/${encodeURIComponent(id)}`, body),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKey(id), company);
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
    },
  });
}

export function useSetCompanyStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { status: CompanyStatus; reason?: string }) =>
      api.post<Company>(`/companies/${encodeURIComponent(id)}/status`, body),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKey(id), company);
      void queryClient.invalidateQueries({ queryKey: [...companyKey(id), 'status-history'] });
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
    },
  });
}

export function useStatusHistory(id: string) {
  return useQuery({
    queryKey: [...companyKey(id), 'status-history'],
    queryFn: () => api.get<{ items: StatusHistoryEntry[] }>(`/companies/${encodeURIComponent(id)}/status-history`),
    select: (data) => data.items,
  });
}

export function useCompanyUsers(id: string) {
  return useQuery({
    queryKey: [...companyKey(id), 'users'],
    queryFn: () => api.get<{ items: CompanyUser[] }>(`/companies/${encodeURIComponent(id)}/users`),
    select: (data) => data.items,
  });
}

export function useAddCompanyUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Adding is inviting: the person joins the company when they accept.
    mutationFn: (body: { name: string; email: string; access: ClientAccess; locale?: Locale }) =>
      api.post<InvitationView>(`/companies/${encodeURIComponent(id)}/users`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
      void queryClient.invalidateQueries({ queryKey: ['portfolio'] });
    },
  });
}

export function useUpdateCompanyUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, access }: { userId: string; access: ClientAccess }) =>
      api.patch<CompanyUser>(`/companies/${encodeURIComponent(id)}/users/${encodeURIComponent(userId)}`, { access }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...companyKey(id), 'users'] }),
  });
}

export function useRemoveCompanyUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api.delete(`/companies/${encodeURIComponent(id)}/users/${encodeURIComponent(userId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...companyKey(id), 'users'] }),
  });
}

export function useAssignments(id: string) {
  return useQuery({
    queryKey: [...companyKey(id), 'assignments'],
    queryFn: () => api.get<{ items: Assignment[] }>(`/companies/${encodeURIComponent(id)}/assignments`),
    select: (data) => data.items,
  });
}

export function useSaveAssignments(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: { userId: string; specialty: Specialty }[]) =>
      api.put<{ items: Assignment[] }>(`/companies/${encodeURIComponent(id)}/assignments`, { items }),
    onSuccess: (data) => {
      queryClient.setQueryData([...companyKey(id), 'assignments'], data);
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
    },
  });
}

/** "Check in the registry": asks again and keeps the answer on the company. */
export function useCheckRegistry(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Company>(`/companies/${encodeURIComponent(id)}/registry-check`, {}),
    onSuccess: (company) => queryClient.setQueryData(companyKey(id), company),
  });
}

export function useRegistryLookup() {
  return useMutation({
    mutationFn: ({ country, taxId }: { country: string; taxId: string }) =>
      api.get<RegistryCompany>(withQuery('/registry/lookup', { country, taxId })),
  });
}

/** Deletes the company (undoable for 30 days): it leaves every list at once. */
export function useDeleteCompany(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/companies/${encodeURIComponent(id)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: companyKey(id) });
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
      void queryClient.invalidateQueries({ queryKey: ['portfolio'] });
    },
  });
}

/** The office's companies deleted in the last 30 days (office admins). */
export function useDeletedCompanies() {
  return useQuery({
    queryKey: ['companies', 'deleted'],
    queryFn: () => api.get<{ items: DeletedCompanyView[] }>('/companies/deleted'),
    select: (data) => data.items,
  });
}

export function useRestoreCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Company>(`/companies/${encodeURIComponent(id)}/restore`),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKey(company.id), company);
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
      void queryClient.invalidateQueries({ queryKey: ['portfolio'] });
    },
  });
}
