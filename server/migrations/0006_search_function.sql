-- Search ignores diacritics (zolw finds żółw, sedinta finds ședință): an IMMUTABLE wrapper around
-- unaccent with its dictionary named, so generated columns and indexes may use it.
CREATE FUNCTION bureau_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
