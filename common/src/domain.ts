// Enumerations shared by the server and the web app.
export const locales = ['en', 'pl', 'ro', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (locales as readonly string[]).includes(v);

export const officeCountries = ['PL', 'RO', 'FR', 'BE', 'OTHER'] as const;
export type OfficeCountry = (typeof officeCountries)[number];

export const staffRoles = ['owner', 'admin', 'employee'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const specialties = ['accounting', 'payroll', 'invoicing'] as const;
export type Specialty = (typeof specialties)[number];

export const clientAccessLevels = ['full', 'limited'] as const;
export type ClientAccess = (typeof clientAccessLevels)[number];

export const companyStatuses = ['active', 'inactive'] as const;
export type CompanyStatus = (typeof companyStatuses)[number];

