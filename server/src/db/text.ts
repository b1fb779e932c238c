// Text PostgreSQL cannot store: a NUL character (text and jsonb refuse it) and a lone UTF-16
// surrogate, half of an emoji (jsonb refuses it; a text column would silently get U+FFFD).
// HTTP input with either is refused (http/text-input.ts); text from elsewhere (an e-mail) is cleaned.

// A NUL, a high surrogate without its low half, or a low one without its high half (UTF-16 code units).
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** True for a string PostgreSQL can store as it is. */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

/** The string without NUL characters and with U+FFFD for lone surrogates (as a UTF-8 encoder writes them). */
export const toStorableText = (value: string): string =>
  value.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\ufffd'));

/** The path ("items.2.name") of the first string in `root` that cannot be stored, if any. */
export function findUnstorableText(root: unknown): string | undefined {
  // An explicit stack, not recursion: a 1 MB body can nest far deeper than the call stack.
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], path ? `${path}.${i}` : String(i)]);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        // A key that cannot be stored is reported as its object (the key itself cannot be echoed).
        if (!isStorableText(key)) return path;
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}
