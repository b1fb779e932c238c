// Downloads answer bytes, not JSON: their OpenAPI entry names each content type with a binary body, so a generated client
// saves a file instead of parsing it. Fastify never serializes a Buffer, stream or string, so these schemas only document.

const binary = { type: 'string', format: 'binary' } as const;

/** A response schema for a file download of one of `types` (status 200, and 206 for a byte range when `ranges`). */
export function binaryResponse(description: string, types: readonly string[], ranges = false) {
  const content = Object.fromEntries(types.map((type) => [type, { schema: binary }]));
  return {
    200: { description, content },
    ...(ranges && { 206: { description: `${description} (the requested byte range)`, content } }),
  };
}
