// Message bodies: a safe subset of Markdown (bold, italics, lists, links, inline code, code blocks).
// markdown-it parses with raw HTML disabled, then DOMPurify keeps only the tags that subset makes;
// links keep only http(s) and mailto addresses and open in a new tab without referrer or opener.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const SAFE_LINK = /^(?:https?:|mailto:)/i;

const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
// Headings, tables, images, quotes and rules are not part of a chat message.
md.disable(['heading', 'lheading', 'table', 'image', 'hr', 'blockquote', 'strikethrough', 'html_block', 'html_inline']);
md.validateLink = (url) => SAFE_LINK.test(url.trim());

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'code', 'pre'];

let hooked = false;
function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_LINK.test(href)) {
      node.removeAttribute('href');
      return;
    }
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  });
}

/** Markdown → sanitized HTML, ready for dangerouslySetInnerHTML. */
export function renderMarkdown(source: string): string {
  hookLinks();
  const html = md.render(source);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'start'],
    ALLOWED_URI_REGEXP: SAFE_LINK,
    ALLOW_DATA_ATTR: false,
  });
}
