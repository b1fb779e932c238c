// The one door to the HTTP API: JSON, same-origin cookies, the CSRF header on writes, typed errors.

/** An error answered by the API (`{ error: { code, message, fields } }`) or by the network. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  /** Ids the server names beside the error (the company that already has a tax id). */
  readonly details: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let language = 'en';

/** Remembers the CSRF token of the last `Me` so writes can prove they come from this page. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Language for server messages while nobody is signed in (the server uses the user's own otherwise). */
export function setApiLanguage(lng: string): void {
  language = lng;
}

/** The headers every write sends (for requests made without `api`, like uploads with progress). */
export function writeHeaders(): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network', '');
  }

  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const error = (
      data as {
        error?: { code?: string; message?: string; fields?: Record<string, string>; details?: Record<string, string> };
      }
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? '',
      error?.fields ?? {},
      error?.details ?? {},
    );
  }
  return data as T;
}

export type UploadHandle<T> = { promise: Promise<T>; abort: () => void };

/**
 * Posts one file as multipart `file`; `onProgress` gets the fraction sent (0…1). XHR, because fetch reports
 * no upload progress. Resolves on a 201 with its JSON, rejects with an `ApiError` otherwise (`aborted` if cancelled).
 */
export function uploadFile<T>(
  path: string,
  file: File,
  name: string,
  onProgress: (fraction: number) => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `/api${path}`);
    for (const [header, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(header, value);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status === 201) {
        onProgress(1);
        resolve(data as T);
        return;
      }
      const error = (
        data as
          | {
              error?: {
                code?: string;
                message?: string;
                fields?: Record<string, string>;
                details?: Record<string, string>;
              };
            }
          | undefined
      )?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? `http_${xhr.status}`,
          error?.message ?? '',
          error?.fields ?? {},
          error?.details ?? {},
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
    const form = new FormData();
    form.append('file', file, name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
