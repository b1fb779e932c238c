// The people the browser tests create, shared by the specs (the first to run sets the portal up).
export const OWNER = {
  name: 'Anna Nowak',
  email: 'anna@biuro-nowak.pl',
  password: 'Kiszone-Ogorki-2026',
};
