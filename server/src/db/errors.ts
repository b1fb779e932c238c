// PostgreSQL errors a service turns into an answer (drizzle wraps the driver's error in `cause`).

/** A UNIQUE constraint refused the row (SQLSTATE 23505): someone else wrote it first. */
export const isUniqueViolation = (err: unknown): boolean =>
  (err as { cause?: { code?: string } }).cause?.code === '23505' || (err as { code?: string }).code === '23505';
