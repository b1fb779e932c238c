// @vitest-environment jsdom
// DOMPurify sanitises in a DOM: jsdom stands in for the browser.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/** The links the browser would make of this HTML. */
function links(html: string): string[] {
  const box = document.createElement('div');
  box.innerHTML = html;
  return [...box.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
}

describe('message bodies', () => {
  it('render the chat subset: bold, italics, lists, inline code, code blocks and line breaks', () => {
    expect(renderMarkdown('**VAT** for *May*')).toBe('<p><strong>VAT</strong> for <em>May</em></p>\n');
    expect(renderMarkdown('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
    expect(renderMarkdown('line one\nline two')).toBe('<p>line one<br>\nline two</p>\n');
    expect(renderMarkdown('`a < b`')).toBe('<p><code>a &lt; b</code></p>\n');
    expect(renderMarkdown('```\nx = 1\n```')).toBe('<pre><code>x = 1\n</code></pre>\n');
  });

  it('show headings, quotes, rules and images as plain text, not as a page', () => {
    const html = renderMarkdown('# Title\n\n> quote\n\n---\n\n![x](https://example.com/x.png)');
    expect(html).not.toMatch(/<(h1|blockquote|hr|img)/);
    expect(html).toContain('# Title');
  });

  it('open http(s) and mailto links in a new tab without referrer or opener, and link bare addresses', () => {
    expect(renderMarkdown('[ANAF](https://anaf.ro)')).toBe(
      '<p><a href="https://anaf.ro" target="_blank" rel="noopener noreferrer nofollow">ANAF</a></p>\n',
    );
    expect(links(renderMarkdown('see https://biuro.pl'))).toEqual(['https://biuro.pl']);
    expect(renderMarkdown('[mail](mailto:anna@biuro.pl)')).toContain('href="mailto:anna@biuro.pl"');
  });

  it('never produce a javascript: or data: link', () => {
    for (const source of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      expect(links(renderMarkdown(source))).toEqual([]);
    }
  });

  it('show raw HTML as text: no tag, no event handler survives', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<svg onload=alert(2)></svg>',
      '<iframe src="https://evil.example"></iframe>',
      '**bold** <b onmouseover=alert(7)>hover</b>',
      '<details open ontoggle=alert(9)>x</details>',
    ];
    for (const source of hostile) {
      const box = document.createElement('div');
      box.innerHTML = renderMarkdown(source);
      expect(box.querySelectorAll('script, img, svg, iframe, b, details, [onerror], [onload]')).toHaveLength(0);
      expect(box.textContent).toContain('<');
    }
  });
});
