// Lengths both sides enforce, apart from the contracts' schemas: the web app imports these without the schema library.

/** The longest message, in characters (code points); the schema's maxLength counts UTF-16 units. */
export const MESSAGE_MAX = 20_000;
/** The longest subject of a conversation or a broadcast. */
export const SUBJECT_MAX = 200;
