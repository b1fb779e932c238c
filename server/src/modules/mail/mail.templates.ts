// Renders the translated e-mails (subject, plain text and HTML) from locales/<lang>/email.json.
import type { Locale } from '@bureau/common';
import { translator } from '../../http/i18n.js';

export type EmailTemplate =
  | 'reset_password'
  | 'sign_in_code'
  | 'sign_in_alert'
  | 'new_message'
  | 'unread_digest'
  | 'daily_digest'
  | 'smtp_test'
  | 'critical_notice'
  | 'invitation'
  | 'staff_invitation';

/** E-mails about the person's account itself, sent by the instance (account-mail.ts). */
// 'set_password' was one too, until people joined by invitation only: outboxes may still hold such e-mails.
export const ACCOUNT_TEMPLATES: ReadonlySet<string> = new Set([
  'set_password',
  'reset_password',
  'sign_in_code',
  'sign_in_alert',
]);

/** One thing an e-mail lists (a message of a digest): a heading, its lines, and where it opens. */
export type EmailItem = { title: string; lines: string[]; link?: string };

export type RenderInput = {
  template: EmailTemplate;
  locale: Locale;
  recipientName: string;
  officeName: string;
  /** The button's address, if the e-mail has one. */
  link?: string;
  /** Interpolation values of the template (company, code, minutes…). */
  params?: Record<string, string | number>;
  /** Listed after the paragraphs (messages of a notification or digest). */
  items?: EmailItem[];
  /** Where the person changes which e-mails they get (every notification e-mail carries it). */
  preferencesLink?: string;
  /** The e-mail has a reply address: say that answering it replies in the conversation. */
  canReply?: boolean;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paragraph keys of each template, in order. */
const paragraphs: Record<EmailTemplate, string[]> = {
  reset_password: ['intro', 'validity'],
  sign_in_code: ['intro', 'code', 'validity'],
  sign_in_alert: ['intro', 'action'],
  new_message: ['intro'],
  unread_digest: ['intro'],
  daily_digest: ['intro'],
  smtp_test: ['intro', 'action'],
  critical_notice: ['intro'],
  invitation: ['intro', 'action', 'validity'],
  staff_invitation: ['intro', 'action', 'validity'],
};

export function renderEmail(input: RenderInput): RenderedEmail {
  const t = translator(input.locale);
  const values = { ...input.params, officeName: input.officeName, name: input.recipientName };
  const k = (key: string) => t(`email:${input.template}.${key}`, values);
  const subject = k('subject');
  const lines: string[] = [];
  for (const key of paragraphs[input.template]) {
    if (key === 'code') lines.push(String(input.params?.code ?? ''));
    else lines.push(k(key));
  }
  if (input.canReply) lines.push(t('email:new_message.reply', values));
  const greeting = t('email:common.greeting', values);
  // Account mail comes from the instance, not from an office (see account-mail.ts).
  const footer = t(
    ACCOUNT_TEMPLATES.has(input.template) ? 'email:common.footerAccount' : 'email:common.footer',
    values,
  );
  const button = input.link ? k('button') : undefined;

  const items = input.items ?? [];
  const preferences = input.preferencesLink ? t('email:common.preferences') : undefined;
  const text = [
    greeting,
    '',
    ...lines.flatMap((l) => [l, '']),
    ...items.flatMap((item) => [
      `* ${item.title}`,
      ...item.lines.map((l) => `  ${l}`),
      ...(item.link ? [`  ${item.link}`] : []),
      '',
    ]),
    ...(input.link ? [`${button}: ${input.link}`, ''] : []),
    '-- ',
    footer,
    ...(preferences ? [`${preferences}: ${input.preferencesLink}`] : []),
  ].join('\n');

  const p = (s: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1a1b1e">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:32px">
${p(greeting)}
${lines
  .map((l, i) =>
    paragraphs[input.template][i] === 'code'
      ? `<p style="margin:0 0 16px;font-size:28px;letter-spacing:6px;font-weight:bold">${escapeHtml(l)}</p>`
      : p(l),
  )
  .join('\n')}
${
  input.link
    ? `<p style="margin:24px 0"><a href="${escapeHtml(input.link)}" style="background:#1864ab;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(button!)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(t('email:common.linkFallback'))}<br><span style="word-break:break-all">${escapeHtml(input.link)}</span></p>`
    : ''
}
${items
  .map(
    (item) => `<div style="margin:0 0 16px;padding:12px 16px;border-left:3px solid #1864ab;background:#f8f9fa">
<p style="margin:0 0 6px;font-weight:bold">${item.link ? `<a href="${escapeHtml(item.link)}" style="color:#1864ab">${escapeHtml(item.title)}</a>` : escapeHtml(item.title)}</p>
${item.lines.map((l) => `<p style="margin:0 0 4px;line-height:1.5;white-space:pre-wrap">${escapeHtml(l)}</p>`).join('\n')}
</div>`,
  )
  .join('\n')}
<p style="margin:24px 0 0;font-size:12px;color:#666">${escapeHtml(footer)}</p>
${preferences ? `<p style="margin:8px 0 0;font-size:12px"><a href="${escapeHtml(input.preferencesLink!)}" style="color:#666">${escapeHtml(preferences)}</a></p>` : ''}
</div></body></html>`;
  return { subject, text, html };
}
