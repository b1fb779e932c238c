-- A French company is keyed by its SIREN (companies_tax_id_unique is office, country, tax_id), whichever form was typed:
-- a SIRET (SIREN + 5-digit establishment number) or an FR VAT number ("FR" + 2-digit key + SIREN) stored before becomes
-- its SIREN, and a SIRET moves to the establishment column. Stored ids were checked when written, so the shape is enough.
-- A row whose SIREN another company of the same office already holds is left as it is: the office's own duplicate, for
-- the office to merge. Among rows that would all become one new SIREN, the oldest takes it and the others stay as well.
WITH candidates AS (
  SELECT id, office_id, created_at,
         CASE WHEN tax_id ~ '^[0-9]{14}$' THEN left(tax_id, 9) ELSE right(tax_id, 9) END AS siren,
         CASE WHEN tax_id ~ '^[0-9]{14}$' THEN tax_id END AS siret
    FROM companies
   WHERE country = 'FR' AND (tax_id ~ '^[0-9]{14}$' OR tax_id ~ '^FR[0-9]{11}$')
), free AS (
  SELECT c.*, row_number() OVER (PARTITION BY c.office_id, c.siren ORDER BY c.created_at, c.id) AS rank
    FROM candidates c
   WHERE NOT EXISTS (SELECT 1 FROM companies held WHERE held.office_id = c.office_id AND held.country = 'FR' AND held.tax_id = c.siren)
)
UPDATE companies
   SET tax_id = free.siren, siret = COALESCE(free.siret, companies.siret)
  FROM free
 WHERE companies.id = free.id AND free.rank = 1;
