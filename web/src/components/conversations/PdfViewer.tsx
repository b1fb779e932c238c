// A PDF shown inside the portal, drawn page by page on canvases by pdf.js: none of the file's JavaScript, forms or
// links can run, on any browser. The file itself is only ever served as a sandboxed download.
import { Alert, Loader, Stack, VisuallyHidden } from '@mantine/core';
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './conversations.module.css';

GlobalWorkerOptions.workerSrc = workerUrl;

/** The first pages only: a viewer, not a reader (the original is one click away). */
const MAX_PAGES = 30;

export default function PdfViewer({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const pages = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    setState('loading');
    const task = getDocument({ url, isEvalSupported: false, enableXfa: false, withCredentials: true });
    task.promise
      .then(async (pdf) => {
        const holder = pages.current;
        if (!holder) return;
        holder.replaceChildren();
        const count = Math.min(pdf.numPages, MAX_PAGES);
        for (let n = 1; n <= count && !cancelled; n++) {
          const page = await pdf.getPage(n);
          const viewport = page.getViewport({ scale: Math.min(2, window.devicePixelRatio || 1) * 1.25 });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.className = classes.pdfPage!;
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('attachment.pdfPage', { name, page: n, pages: pdf.numPages }));
          holder.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
          if (n === 1 && !cancelled) setState('ready');
        }
      })
      .catch(() => {
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [url, name, t]);

  return (
    <Stack gap="xs" className={classes.pdfFrame} data-testid="pdf-viewer" data-state={state}>
      {state === 'loading' && (
        <div role="status">
          <Loader size="sm" aria-hidden />
          <VisuallyHidden>{t('attachment.pdfLoading')}</VisuallyHidden>
        </div>
      )}
      {state === 'failed' && (
        <Alert color="yellow" variant="light">
          {t('attachment.pdfFailed')}
        </Alert>
      )}
      <div ref={pages} />
    </Stack>
  );
}
