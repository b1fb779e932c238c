// Portfolio import (office owner and admins): a CSV or XLSX file uploaded, its columns mapped, its rows checked
// (a dry run that writes nothing), then imported in the background while the page follows its progress.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  IMPORT_MAX_BYTES,
  type DryRun,
  type ImportReadingChoice,
  type ImportSettings,
  type ImportStatus,
  type ImportView,
} from '@bureau/common';
import { api, uploadFile, type UploadHandle } from './client';

export type {
  DryRun,
  DryRunRow,
  ImportColumnMapping,
  ImportCountryCode,
  ImportEncoding,
  ImportFieldName,
  ImportReading,
  ImportReadingChoice,
  ImportRowAction,
  ImportSettings,
  ImportView,
} from '@bureau/common';

/** What the server takes: 20 MB (said before uploading; the server decides). */
export { IMPORT_MAX_BYTES };
export const IMPORT_EXTENSIONS = ['.csv', '.xlsx'] as const;

const keys = {
  list: ['imports', 'list'] as const,
  one: (id: string) => ['imports', 'one', id] as const,
};

/** Queued or running: the server is still working on it. */
export const isImportWorking = (status: ImportStatus | undefined) => status === 'queued' || status === 'running';

/** A name the server may take, judged from the name and size alone: `null`, or why not. */
export function precheckImportFile(file: File): 'type' | 'size' | 'empty' | null {
  const name = file.name.toLowerCase();
  if (!IMPORT_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > IMPORT_MAX_BYTES) return 'size';
  return null;
}

/** Uploads the file (with progress, cancellable); the answer is a draft with its headers, sample rows and a guessed mapping. */
export function uploadImport(file: File, onProgress: (fraction: number) => void): UploadHandle<ImportView> {
  return uploadFile<ImportView>('/imports', file, file.name, onProgress);
}

/** The office's recent imports (refreshed while one of them is at work). */
export function useImports() {
  return useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => api.get<{ items: ImportView[] }>('/imports', signal),
    select: (data) => data.items,
    refetchInterval: (query) => (query.state.data?.items.some((i) => isImportWorking(i.status)) ? 3000 : false),
  });
}

/** One import; polled every second while it is queued or running. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: keys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportView>(`/imports/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (isImportWorking(query.state.data?.status) ? 1000 : false),
  });
}

/** Puts an import the server answered where the page reads it. */
export function useAcceptImport() {
  const client = useQueryClient();
  return (view: ImportView) => {
    client.setQueryData(keys.one(view.id), view);
    void client.invalidateQueries({ queryKey: keys.list });
  };
}

/** Reads the draft's file again another way (encoding, worksheet, header row): new columns, rows and guessed mapping. */
export function useRereadImport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (choice: ImportReadingChoice) =>
      api.put<ImportView>(`/imports/${encodeURIComponent(id)}/reading`, choice),
    onSuccess: (view) => client.setQueryData(keys.one(id), view),
  });
}

/** Saves the mapping and options and checks every row: what an import would do, nothing written. */
export function useCheckImport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: ImportSettings) => api.put<DryRun>(`/imports/${encodeURIComponent(id)}`, settings),
    onSuccess: (dryRun) => client.setQueryData(keys.one(id), dryRun.import),
  });
}

/** Starts the import (202, queued), then reads it back for the page to follow. */
export function useCommitImport(id: string) {
  const client = useQueryClient();
  return useMutation({
    // The settings of the dry run on screen: the server refuses them if someone changed them since.
    mutationFn: async (settings: ImportSettings) => {
      await api.post<unknown>(`/imports/${encodeURIComponent(id)}/commit`, { settings });
      return api.get<ImportView>(`/imports/${encodeURIComponent(id)}`);
    },
    onSuccess: (view) => {
      client.setQueryData(keys.one(id), view);
      void client.invalidateQueries({ queryKey: keys.list });
    },
  });
}

export const importReportUrl = (id: string, format: 'csv' | 'xlsx') =>
  `/api/imports/${encodeURIComponent(id)}/report?format=${format}`;
