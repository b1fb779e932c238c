// Kept apart from markdown.ts so that lists do not load the Markdown parser.

/** A message reduced to one plain line for lists ("**VAT** for [May](…)" → "VAT for May"). */
export function plainLine(source: string): string {
  return source
    .replace(/```[^\n]*\n?/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|\*|`)(?=\S)([^]*?\S)\1/g, '$2')
    .replace(/(^|\s)(__|_)(?=\S)([^]*?\S)\2(?=$|[\s.,!?;:])/g, '$1$3')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
