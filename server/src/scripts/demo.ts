// `npm run demo`: loads a demo accounting office — owner, staff, 31 Polish and Romanian client
// companies with their users and staff assignments — into the database `npm start` uses, then
// exits. Everything goes through the real services (validation, audit, status history); only the
// passwords are set directly, so that every demo person can sign in at once with one password.
// The content is fixed and its numbers come from a seeded generator, so every run loads the same.
import { randomUUID } from 'node:crypto';
import type { Locale, Specialty } from '@bureau/common';
import { checkPassword, validateIban, validateTaxId, type CompanyCountry } from '@bureau/common/validation';
import { ConfigError, loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { DataDirInUseError, startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded.js';
import type { Address } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import type { Actor, RequestOrigin } from '../modules/identity/actor.js';
import { loadActor } from '../modules/identity/actor.loader.js';
import { deleteUserSessions, insertUser } from '../modules/identity/identity.repository.js';
import { hashPassword } from '../modules/identity/password.js';
import { updateInvitation } from '../modules/onboarding/invitation.repository.js';
import { insertCompanyUser, insertStaffMember } from '../modules/tenancy/tenancy.repository.js';
import { createServices, type Services } from '../services.js';
import { completeCui, completeNip, seededRandom } from './sample-data.js';

/** The one password of every demo account: meets the policy and is in no breach list. */
const DEMO_PASSWORD = 'Zurek-i-Ciorba-25';

// Reserved by RFC 2606: demo addresses look real but never reach a real mailbox, even once the
// office configures SMTP_URL and someone asks for a password reset.
const domain = (label: string) => `${label}.example`;

const OFFICE = { name: 'Biuro Rachunkowe Kowalski & Partnerzy', domain: domain('kowalski-partnerzy') };

type StaffSeed = { name: string; role: 'admin' | 'employee'; specialties: Specialty[]; locale: Locale; title: string };

const OWNER = { name: 'Anna Kowalska', locale: 'pl' as Locale };
const STAFF: StaffSeed[] = [
  { name: 'Małgorzata Wójcik', role: 'admin', specialties: ['accounting'], locale: 'pl', title: 'Admin' },
  {
    name: 'Paweł Łuczak',
    role: 'employee',
    specialties: ['accounting'],
    locale: 'pl',
    title: 'Employee — accounting (PL)',
  },
  {
    name: 'Ștefan Dumitrescu',
    role: 'employee',
    specialties: ['accounting', 'payroll'],
    locale: 'ro',
    title: 'Employee — accounting, payroll (RO)',
  },
  {
    name: 'Agnieszka Dąbrowska',
    role: 'employee',
    specialties: ['payroll'],
    locale: 'pl',
    title: 'Employee — payroll',
  },
  { name: 'Ioana Bălan', role: 'employee', specialties: ['invoicing'], locale: 'ro', title: 'Employee — invoicing' },
];

type ConversationSeed = {
  company: string;
  channel: 'accounting' | 'payroll' | 'invoicing' | 'admin';
  subject: string;
  /** [author, text]: the first starts the conversation. */
  messages: [string, string][];
  closedBy?: string;
};

const CONVERSATIONS: ConversationSeed[] = [
  {
    company: 'Piekarnia Złoty Kłos sp. z o.o.',
    channel: 'accounting',
    subject: 'Faktury kosztowe za październik',
    messages: [
      [
        'Jan Kłosowski',
        'Dzień dobry, przesyłam zestawienie faktur kosztowych za październik. Czy faktura za mąkę z młyna **Pszeniczny Łan** może wejść jeszcze w ten miesiąc?',
      ],
      [
        'Paweł Łuczak',
        'Dzień dobry Panie Janie, tak — data wystawienia to 30.10, więc księgujemy ją w październiku. Brakuje mi jeszcze wyciągu bankowego za drugą połowę miesiąca.',
      ],
      ['Jan Kłosowski', 'Wyciąg wyślę jutro rano. Czy do kosztów mogę też zaliczyć nowy piec (ok. 48 000 zł netto)?'],
    ],
  },
  {
    company: 'Piekarnia Złoty Kłos sp. z o.o.',
    channel: 'payroll',
    subject: 'Umowa o pracę — nowa piekarka od 1 grudnia',
    messages: [
      [
        'Agnieszka Dąbrowska',
        'Dzień dobry, przygotowuję umowę dla nowej pracownicy. Proszę o: imię i nazwisko, PESEL, adres, wymiar etatu i stawkę brutto.',
      ],
    ],
  },
  {
    company: 'Piekarnia Złoty Kłos sp. z o.o.',
    channel: 'accounting',
    subject: 'Deklaracja VAT za wrzesień',
    messages: [
      ['Paweł Łuczak', 'Deklaracja JPK_V7M za wrzesień została wysłana. Do zapłaty: 3 412 zł do 25 października.'],
      ['Jan Kłosowski', 'Dziękuję, zapłacone.'],
    ],
    closedBy: 'Paweł Łuczak',
  },
  {
    company: 'Transport Wiśniewski s.c.',
    channel: 'invoicing',
    subject: 'Faktura odrzucona przez KSeF',
    messages: [
      ['Tomasz Wiśniewski', 'Faktura FV/112/2026 wróciła z KSeF z błędem „niepoprawny NIP nabywcy”. Co mam poprawić?'],
      [
        'Ioana Bălan',
        'Dzień dobry, w NIP nabywcy jest literówka (zamienione dwie ostatnie cyfry). Proszę wystawić fakturę korygującą — przygotowałam szkic.',
      ],
    ],
  },
  {
    company: 'Apteka Pod Orłem sp.j.',
    channel: 'admin',
    subject: 'Zmiana godzin pracy biura w grudniu',
    messages: [
      [
        'Anna Kowalska',
        'Szanowni Państwo, w dniach 24–31 grudnia biuro pracuje w godzinach 9–13. Dokumenty za grudzień prosimy przesłać do 8 stycznia.',
      ],
    ],
  },
];

type Place = { city: string; postalCode: string; region: string; taxOffices: string[]; areaCode: string };

// Polish NIP prefixes are tax-office codes of the city; area codes are the city's landline prefix.
const PL: Record<string, Place> = {
  krakow: {
    city: 'Kraków',
    postalCode: '31-146',
    region: 'małopolskie',
    taxOffices: ['676', '677', '679'],
    areaCode: '12',
  },
  lodz: { city: 'Łódź', postalCode: '90-369', region: 'łódzkie', taxOffices: ['725', '727', '729'], areaCode: '42' },
  gdansk: {
    city: 'Gdańsk',
    postalCode: '80-833',
    region: 'pomorskie',
    taxOffices: ['583', '584', '604'],
    areaCode: '58',
  },
  zakopane: { city: 'Zakopane', postalCode: '34-500', region: 'małopolskie', taxOffices: ['736'], areaCode: '18' },
  lublin: {
    city: 'Lublin',
    postalCode: '20-002',
    region: 'lubelskie',
    taxOffices: ['712', '713', '946'],
    areaCode: '81',
  },
  wroclaw: {
    city: 'Wrocław',
    postalCode: '50-024',
    region: 'dolnośląskie',
    taxOffices: ['894', '897', '898'],
    areaCode: '71',
  },
  bialystok: {
    city: 'Białystok',
    postalCode: '15-424',
    region: 'podlaskie',
    taxOffices: ['542', '966'],
    areaCode: '85',
  },
  torun: {
    city: 'Toruń',
    postalCode: '87-100',
    region: 'kujawsko-pomorskie',
    taxOffices: ['879', '956'],
    areaCode: '56',
  },
  grojec: { city: 'Grójec', postalCode: '05-600', region: 'mazowieckie', taxOffices: ['797'], areaCode: '48' },
  poznan: {
    city: 'Poznań',
    postalCode: '61-772',
    region: 'wielkopolskie',
    taxOffices: ['778', '779', '783'],
    areaCode: '61',
  },
  warszawa: {
    city: 'Warszawa',
    postalCode: '00-514',
    region: 'mazowieckie',
    taxOffices: ['521', '525', '526', '951'],
    areaCode: '22',
  },
  katowice: { city: 'Katowice', postalCode: '40-014', region: 'śląskie', taxOffices: ['634', '954'], areaCode: '32' },
  rzeszow: {
    city: 'Rzeszów',
    postalCode: '35-030',
    region: 'podkarpackie',
    taxOffices: ['813', '517'],
    areaCode: '17',
  },
  olsztyn: {
    city: 'Olsztyn',
    postalCode: '10-029',
    region: 'warmińsko-mazurskie',
    taxOffices: ['739'],
    areaCode: '89',
  },
  szczecin: {
    city: 'Szczecin',
    postalCode: '70-473',
    region: 'zachodniopomorskie',
    taxOffices: ['851', '852', '955'],
    areaCode: '91',
  },
  opole: { city: 'Opole', postalCode: '45-018', region: 'opolskie', taxOffices: ['754'], areaCode: '77' },
  kielce: {
    city: 'Kielce',
    postalCode: '25-501',
    region: 'świętokrzyskie',
    taxOffices: ['657', '959'],
    areaCode: '41',
  },
  zielonaGora: {
    city: 'Zielona Góra',
    postalCode: '65-018',
    region: 'lubuskie',
    taxOffices: ['929', '973'],
    areaCode: '68',
  },
};

const RO: Record<string, Place> = {
  cluj: { city: 'Cluj-Napoca', postalCode: '400114', region: 'Cluj', taxOffices: [], areaCode: '264' },
  valcea: { city: 'Râmnicu Vâlcea', postalCode: '240588', region: 'Vâlcea', taxOffices: [], areaCode: '250' },
  brasov: { city: 'Brașov', postalCode: '500058', region: 'Brașov', taxOffices: [], areaCode: '268' },
  gura: { city: 'Gura Humorului', postalCode: '725300', region: 'Suceava', taxOffices: [], areaCode: '230' },
  iasi: { city: 'Iași', postalCode: '700063', region: 'Iași', taxOffices: [], areaCode: '232' },
  sibiu: { city: 'Sibiu', postalCode: '550159', region: 'Sibiu', taxOffices: [], areaCode: '269' },
  urlati: { city: 'Urlați', postalCode: '106300', region: 'Prahova', taxOffices: [], areaCode: '244' },
  timisoara: { city: 'Timișoara', postalCode: '300086', region: 'Timiș', taxOffices: [], areaCode: '256' },
  targuMures: { city: 'Târgu Mureș', postalCode: '540062', region: 'Mureș', taxOffices: [], areaCode: '265' },
  bucuresti: { city: 'București', postalCode: '020452', region: 'Sector 2', taxOffices: [], areaCode: '21' },
  craiova: { city: 'Craiova', postalCode: '200440', region: 'Dolj', taxOffices: [], areaCode: '251' },
  oradea: { city: 'Oradea', postalCode: '410167', region: 'Bihor', taxOffices: [], areaCode: '259' },
  tulcea: { city: 'Tulcea', postalCode: '820005', region: 'Tulcea', taxOffices: [], areaCode: '240' },
};

type CompanySeed = {
  name: string;
  country: 'PL' | 'RO';
  place: Place;
  street: string;
  domain: string;
  people: [full: string, limited?: string];
  inactive?: string;
};

const COMPANIES: CompanySeed[] = [
  {
    name: 'Piekarnia Złoty Kłos sp. z o.o.',
    country: 'PL',
    place: PL.krakow!,
    street: 'ul. Długa 14',
    domain: 'zlotyklos',
    people: ['Jan Kłosowski', 'Ewa Kłosowska'],
  },
  {
    name: 'Transport Wiśniewski s.c.',
    country: 'PL',
    place: PL.lodz!,
    street: 'ul. Piotrkowska 210',
    domain: 'transport-wisniewski',
    people: ['Tomasz Wiśniewski', 'Grażyna Wiśniewska'],
  },
  {
    name: 'Kwiaciarnia Różany Zakątek Joanna Żak',
    country: 'PL',
    place: PL.gdansk!,
    street: 'ul. Mariacka 7',
    domain: 'rozanyzakatek',
    people: ['Joanna Żak'],
  },
  {
    name: 'Zakład Stolarski Dąb Henryk Łęcki',
    country: 'PL',
    place: PL.zakopane!,
    street: 'ul. Kościuszki 19',
    domain: 'stolarnia-dab',
    people: ['Henryk Łęcki'],
  },
  {
    name: 'Apteka Pod Orłem sp.j.',
    country: 'PL',
    place: PL.lublin!,
    street: 'Krakowskie Przedmieście 32',
    domain: 'apteka-podorlem',
    people: ['Barbara Orłowska', 'Michał Sęk'],
  },
  {
    name: 'Biuro Podróży Słoneczny Szlak sp. z o.o.',
    country: 'PL',
    place: PL.wroclaw!,
    street: 'ul. Świdnicka 40',
    domain: 'slonecznyszlak',
    people: ['Krzysztof Ślusarczyk', 'Aleksandra Mączyńska'],
  },
  {
    name: 'Warsztat Samochodowy Łukasz Mróz',
    country: 'PL',
    place: PL.bialystok!,
    street: 'ul. Lipowa 5',
    domain: 'warsztat-mroz',
    people: ['Łukasz Mróz'],
  },
  {
    name: 'Pracownia Ceramiki Glina i Szkło sp. z o.o.',
    country: 'PL',
    place: PL.torun!,
    street: 'ul. Szeroka 22',
    domain: 'glinaiszklo',
    people: ['Zofia Gąsiorowska', 'Adam Kędzierski'],
  },
  {
    name: 'Hurtownia Owoców Sadownik S.A.',
    country: 'PL',
    place: PL.grojec!,
    street: 'ul. Mogielnicka 3',
    domain: 'sadownik',
    people: ['Stanisław Jabłoński', 'Dorota Pietrzyk'],
  },
  {
    name: 'Restauracja Pod Złotą Kaczką sp. z o.o.',
    country: 'PL',
    place: PL.poznan!,
    street: 'Stary Rynek 55',
    domain: 'zlotakaczka',
    people: ['Mateusz Kaczmarek', 'Natalia Woźniak'],
  },
  {
    name: 'Kancelaria Radcy Prawnego Magdalena Ćwik',
    country: 'PL',
    place: PL.warszawa!,
    street: 'ul. Marszałkowska 84',
    domain: 'kancelaria-cwik',
    people: ['Magdalena Ćwik'],
  },
  {
    name: 'Drukarnia Pióro i Papier sp. z o.o.',
    country: 'PL',
    place: PL.katowice!,
    street: 'ul. Mariacka 12',
    domain: 'pioroipapier',
    people: ['Wojciech Żurawski', 'Iwona Fąfara'],
  },
  {
    name: 'Sklep Rowerowy Szprycha Marek Bąk',
    country: 'PL',
    place: PL.rzeszow!,
    street: 'ul. 3 Maja 9',
    domain: 'szprycha',
    people: ['Marek Bąk'],
  },
  {
    name: 'Studio Fryzjerskie Loczek Beata Gołębiowska',
    country: 'PL',
    place: PL.olsztyn!,
    street: 'ul. Prosta 18',
    domain: 'studio-loczek',
    people: ['Beata Gołębiowska'],
    inactive: 'Zakończenie działalności gospodarczej',
  },
  {
    name: 'Browar Rzemieślniczy Chmielowa Dolina sp. z o.o.',
    country: 'PL',
    place: PL.szczecin!,
    street: 'al. Wojska Polskiego 45',
    domain: 'chmielowadolina',
    people: ['Rafał Chmielewski', 'Paulina Źrebiec'],
  },
  {
    name: 'Gabinet Stomatologiczny Uśmiech s.c.',
    country: 'PL',
    place: PL.opole!,
    street: 'ul. Krakowska 27',
    domain: 'gabinet-usmiech',
    people: ['Ewelina Szczęsna'],
  },
  {
    name: 'Firma Budowlana Mur-Bud Zbigniew Kołodziej',
    country: 'PL',
    place: PL.kielce!,
    street: 'ul. Sienkiewicza 60',
    domain: 'mur-bud',
    people: ['Zbigniew Kołodziej'],
    inactive: 'Zawieszenie działalności',
  },
  {
    name: 'Ogrodnictwo Zielony Zakątek Jerzy Świątek',
    country: 'PL',
    place: PL.zielonaGora!,
    street: 'ul. Jedności 31',
    domain: 'zielonyzakatek',
    people: ['Jerzy Świątek'],
  },
  {
    name: 'Cofetăria Dulce Ardeal SRL',
    country: 'RO',
    place: RO.cluj!,
    street: 'Str. Memorandumului 21',
    domain: 'dulceardeal',
    people: ['Ana Mureșan', 'Ioan Pop'],
  },
  {
    name: 'Ferma Agro Vâlcea SRL',
    country: 'RO',
    place: RO.valcea!,
    street: 'Str. Știrbei Vodă 12',
    domain: 'agrovalcea',
    people: ['Gheorghe Ionescu'],
  },
  {
    name: 'Transporturi Carpați Expres SRL',
    country: 'RO',
    place: RO.brasov!,
    street: 'Str. Lungă 88',
    domain: 'carpatiexpres',
    people: ['Radu Stănescu', 'Elena Georgescu'],
  },
  {
    name: 'Pensiunea Dor de Bucovina SRL',
    country: 'RO',
    place: RO.gura!,
    street: 'Str. Ștefan cel Mare 5',
    domain: 'dordebucovina',
    people: ['Vasile Țăranu'],
  },
  {
    name: 'Tipografia Litera Nouă SRL',
    country: 'RO',
    place: RO.iasi!,
    street: 'Bd. Ștefan cel Mare și Sfânt 8',
    domain: 'literanoua',
    people: ['Cristina Bălănescu', 'Adrian Vlădescu'],
  },
  {
    name: 'Croitoria Fir de Mătase SRL',
    country: 'RO',
    place: RO.sibiu!,
    street: 'Str. Nicolae Bălcescu 17',
    domain: 'firdematase',
    people: ['Mihaela Șerban'],
  },
  {
    name: 'Vinăria Dealu Mare SRL',
    country: 'RO',
    place: RO.urlati!,
    street: 'Str. Valea Nucetului 3',
    domain: 'vinaria-dealumare',
    people: ['Florin Niculescu', 'Alina Dobre'],
  },
  {
    name: 'Brutăria Pâine Caldă SRL',
    country: 'RO',
    place: RO.timisoara!,
    street: 'Str. Mărășești 6',
    domain: 'painecalda',
    people: ['Sorin Lupu'],
  },
  {
    name: 'Atelier Mobilă Stejarul SRL',
    country: 'RO',
    place: RO.targuMures!,
    street: 'Str. Bolyai 15',
    domain: 'mobila-stejarul',
    people: ['Levente Szabó', 'Ioana Crăciun'],
  },
  {
    name: 'Clinica Veterinară Lăbuța SRL',
    country: 'RO',
    place: RO.bucuresti!,
    street: 'Str. Icoanei 24',
    domain: 'clinica-labuta',
    people: ['Diana Stoica'],
  },
  {
    name: 'Service Auto Roată Bună SRL',
    country: 'RO',
    place: RO.craiova!,
    street: 'Calea București 50',
    domain: 'roatabuna',
    people: ['Marius Drăgulescu'],
    inactive: 'Dizolvare voluntară',
  },
  {
    name: 'Librăria Filă de Poveste SRL',
    country: 'RO',
    place: RO.oradea!,
    street: 'Str. Republicii 12',
    domain: 'filadepoveste',
    people: ['Raluca Mihăilă'],
  },
  {
    name: 'Pescăria Delta Dunării SRL',
    country: 'RO',
    place: RO.tulcea!,
    street: 'Str. Isaccei 10',
    domain: 'pescaria-delta',
    people: ['Nicolae Roșu', 'Larisa Ene'],
  },
];

/**
 * Companies the office brought in lately, not yet working through the portal: their representatives were invited (one
 * invitation lapsed, one was withdrawn), and two nobody was invited to yet — so the portfolio shows every group.
 */
type ProspectSeed = CompanySeed & { invite?: { name: string; email: string; state: 'sent' | 'expired' | 'revoked' } };
const PROSPECTS: ProspectSeed[] = [
  {
    name: 'Kwiaciarnia Pod Lipami sp. z o.o.',
    country: 'PL',
    place: PL.krakow!,
    street: 'ul. Lipowa 7',
    domain: 'podlipami',
    people: [''],
    invite: { name: 'Halina Lipska', email: 'halina.lipska', state: 'sent' },
  },
  {
    name: 'Serwis Rowerowy Szprycha s.c.',
    country: 'PL',
    place: PL.lodz!,
    street: 'ul. Rowerowa 3',
    domain: 'szprycha',
    people: [''],
    invite: { name: 'Marek Szprycha', email: 'marek', state: 'sent' },
  },
  {
    name: 'Atelier Croitorie Elegant SRL',
    country: 'RO',
    place: RO.sibiu!,
    street: 'Str. Bălcescu 8',
    domain: 'croitorie-elegant',
    people: [''],
    invite: { name: 'Elena Croitoru', email: 'elena', state: 'expired' },
  },
  {
    name: 'Pensiunea Valea Verde SRL',
    country: 'RO',
    place: RO.brasov!,
    street: 'Str. Lungă 55',
    domain: 'valeaverde',
    people: [''],
    invite: { name: 'Radu Verde', email: 'radu', state: 'revoked' },
  },
  {
    name: 'Zakład Szklarski Tafla sp. z o.o.',
    country: 'PL',
    place: PL.krakow!,
    street: 'ul. Szklana 12',
    domain: 'tafla',
    people: [''],
  },
  {
    name: 'Librăria Cartea Veche SRL',
    country: 'RO',
    place: RO.iasi!,
    street: 'Str. Lăpușneanu 20',
    domain: 'carteaveche',
    people: [''],
  },
];

// --- deterministic numbers ------------------------------------------------------------------------

const random = seededRandom(0x8b0e4a);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;

/** A Polish NIP: tax-office prefix and six digits, with its check digit. */
function makeNip(prefix: string): string {
  for (;;) {
    const nip = completeNip(prefix + digits(6));
    if (nip) return nip;
  }
}

/** A Romanian CUI of 8 digits. */
const makeCui = (): string => completeCui(String(int(1, 4)) + digits(6));

function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const d of value) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder;
}

/** ISO 13616 check digits: 98 − (BBAN + country + "00" as a number, letters as 10..35) mod 97. */
function iban(country: string, bban: string): string {
  const check = 98 - mod97(bban + country + '00');
  return country + String(check).padStart(2, '0') + bban;
}

type Bank = { code: string; name: string };
const PL_BANKS: Bank[] = [
  { code: '102', name: 'PKO Bank Polski' },
  { code: '105', name: 'ING Bank Śląski' },
  { code: '114', name: 'mBank' },
  { code: '109', name: 'Santander Bank Polska' },
  { code: '124', name: 'Bank Pekao' },
  { code: '116', name: 'Bank Millennium' },
];
const RO_BANKS: Bank[] = [
  { code: 'BTRL', name: 'Banca Transilvania' },
  { code: 'RNCB', name: 'Banca Comercială Română' },
  { code: 'BRDE', name: 'BRD – Groupe Société Générale' },
  { code: 'INGB', name: 'ING Bank România' },
  { code: 'RZBR', name: 'Raiffeisen Bank' },
  { code: 'CECE', name: 'CEC Bank' },
];

/** Polish IBAN: 8-digit settlement number (bank, branch, check digit weighted 3-9-7-1) and a 16-digit account. */
function polishIban(bank: Bank): string {
  const sortCode = bank.code + digits(4);
  const weights = [3, 9, 7, 1, 3, 9, 7];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(sortCode[i]), 0);
  return iban('PL', sortCode + ((10 - (sum % 10)) % 10) + digits(16));
}

/** Romanian IBAN: the bank's 4-letter code and a 16-character account. */
function romanianIban(bank: Bank, currency: 'RON' | 'EUR'): string {
  const account = bank.code === 'BTRL' ? `${currency}CRT0${digits(9)}` : digits(16);
  return iban('RO', bank.code + account);
}

function bankAccountsFor(seed: CompanySeed): { label: string; iban: string; bankName: string; currency: string }[] {
  if (seed.country === 'PL') {
    const bank = pick(PL_BANKS);
    return [{ label: 'Rachunek główny', iban: polishIban(bank), bankName: bank.name, currency: 'PLN' }];
  }
  const bank = pick(RO_BANKS);
  const accounts = [{ label: 'Cont curent', iban: romanianIban(bank, 'RON'), bankName: bank.name, currency: 'RON' }];
  if (random() < 0.4)
    accounts.push({ label: 'Cont în euro', iban: romanianIban(bank, 'EUR'), bankName: bank.name, currency: 'EUR' });
  return accounts;
}

const PL_MOBILE = [
  '501',
  '502',
  '503',
  '504',
  '505',
  '510',
  '512',
  '530',
  '531',
  '600',
  '601',
  '602',
  '604',
  '660',
  '661',
  '664',
  '690',
  '691',
  '693',
  '790',
  '792',
  '880',
  '881',
  '884',
];
const RO_MOBILE = [
  '722',
  '723',
  '724',
  '726',
  '730',
  '733',
  '740',
  '744',
  '745',
  '747',
  '750',
  '752',
  '760',
  '766',
  '770',
  '773',
  '784',
  '788',
];

const group = (s: string, sizes: number[]) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) parts.push(s.slice(at, (at += size)));
  return parts.join(' ');
};

function phones(seed: CompanySeed): { label: string; phone: string }[] {
  const { areaCode } = seed.place;
  if (seed.country === 'PL') {
    const office = `+48 ${areaCode} ${group(String(int(2, 6)) + digits(6), [3, 2, 2])}`;
    return [
      { label: 'Biuro', phone: office },
      { label: 'Komórka', phone: `+48 ${pick(PL_MOBILE)} ${group(digits(6), [3, 3])}` },
    ];
  }
  const subscriberLength = 9 - areaCode.length;
  const office = `+40 ${areaCode} ${group(String(int(2, 4)) + digits(subscriberLength - 1), subscriberLength === 7 ? [3, 4] : [3, 3])}`;
  return [
    { label: 'Birou', phone: office },
    { label: 'Mobil', phone: `+40 ${pick(RO_MOBILE)} ${group(digits(6), [3, 3])}` },
  ];
}

/** "Grażyna Wiśniewska" → "grazyna.wisniewska" (ł and other letters without a decomposition included). */
function asciiSlug(name: string): string {
  return name
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

// --- loading ---------------------------------------------------------------------------------------

type Credential = { role: string; name: string; email: string; note?: string };

class DemoLoader {
  // One hash (own salt) per person, all started at once: argon2 runs on libuv's thread pool, so
  // they overlap with each other and with the inserts instead of adding up.
  private readonly hashes = Array.from({ length: STAFF.length + COMPANIES.flatMap((c) => c.people).length }, () =>
    hashPassword(DEMO_PASSWORD),
  );

  constructor(
    private readonly db: Database,
    private readonly services: Services,
  ) {}

  /** Creates the person with the demo password (in one office's context), so the service finds them. */
  private async person(officeId: string, input: { name: string; email: string; locale: Locale }): Promise<string> {
    const check = checkPassword(DEMO_PASSWORD, input);
    if (!check.ok) throw new Error(`The demo password is refused for ${input.email}: ${check.reason}`);
    const passwordHash = await this.hashes.pop()!;
    const id = randomUUID();
    await this.db.inTenant({ officeId }, (tx) =>
      insertUser(tx, { id, ...input, passwordHash, passwordChangedAt: new Date() }),
    );
    return id;
  }

  async load(
    origin: RequestOrigin,
  ): Promise<{ credentials: Credential[]; companies: number; clientUsers: number; conversations: number }> {
    const ownerEmail = `${asciiSlug(OWNER.name)}@${OFFICE.domain}`;
    const setup = await this.services.office.setup(origin, {
      officeName: OFFICE.name,
      country: 'PL',
      locale: 'pl',
      ownerName: OWNER.name,
      email: ownerEmail,
      password: DEMO_PASSWORD,
    });
    const { officeId } = setup;
    const owner = await this.db.inTenant({ officeId, userId: setup.userId }, async (tx) => {
      // Setup signs the owner in; nobody holds that cookie here, so end the session.
      await deleteUserSessions(tx, officeId, setup.userId);
      const load = await loadActor(tx, {
        userId: setup.userId,
        officeId,
        companyId: null,
        sessionId: null,
        csrfToken: null,
        apiTokenId: null,
        ip: null,
        requestId: 'demo',
      });
      if (!load.ok) throw new Error(`The demo owner cannot act: ${load.reason}`);
      return load.actor;
    });
    const credentials: Credential[] = [{ role: 'Owner', name: OWNER.name, email: ownerEmail }];

    const staff = new Map<string, string>();
    for (const seed of STAFF) {
      const email = `${asciiSlug(seed.name)}@${OFFICE.domain}`;
      // The demo's people have accepted their invitations already: they join directly.
      const userId = await this.person(officeId, { name: seed.name, email, locale: seed.locale });
      await this.db.inTenant({ officeId }, (tx) =>
        insertStaffMember(tx, { officeId, userId, role: seed.role, specialties: seed.specialties }),
      );
      staff.set(seed.name, userId);
      credentials.push({ role: seed.title, name: seed.name, email });
    }
    const staffId = (name: string) => staff.get(name)!;

    let clientUsers = 0;
    const clients: { company: CompanySeed; name: string; email: string; access: 'full' | 'limited' }[] = [];
    const companyIds = new Map<string, string>();
    const clientIds = new Map<string, string>();
    for (const [index, seed] of COMPANIES.entries()) {
      const companyId = await this.company(owner, seed);
      companyIds.set(seed.name, companyId);
      await this.services.companies.setAssignments(
        owner,
        companyId,
        this.assignmentsFor(seed, index, staffId, owner.userId),
      );
      for (const [i, name] of seed.people.entries()) {
        if (!name) continue;
        const access = i === 0 ? 'full' : 'limited';
        const email = `${asciiSlug(name)}@${domain(seed.domain)}`;
        const locale: Locale = seed.country === 'PL' ? 'pl' : 'ro';
        const userId = await this.person(officeId, { name, email, locale });
        await this.db.inTenant({ officeId }, (tx) => insertCompanyUser(tx, { officeId, companyId, userId, access }));
        clientIds.set(name, userId);
        clients.push({ company: seed, name, email, access });
        clientUsers++;
      }
      if (seed.inactive)
        await this.services.companies.setStatus(owner, companyId, { status: 'inactive', reason: seed.inactive });
    }

    await this.prospects(officeId, owner);
    const conversations = await this.conversations(
      officeId,
      owner,
      staffId,
      (name) => clientIds.get(name)!,
      (name) => companyIds.get(name)!,
    );
    await this.broadcast(officeId, owner, companyIds, clients, clientIds);

    const full = clients.find((c) => c.access === 'full' && !c.company.inactive && c.company.country === 'PL')!;
    const limited = clients.find((c) => c.access === 'limited' && !c.company.inactive && c.company.country === 'RO')!;
    const inactive = clients.find((c) => c.company.inactive)!;
    credentials.push(
      { role: `Client, full access — ${full.company.name}`, name: full.name, email: full.email },
      { role: `Client, limited — ${limited.company.name}`, name: limited.name, email: limited.email },
      {
        role: `Client — ${inactive.company.name}`,
        name: inactive.name,
        email: inactive.email,
        note: 'cannot sign in: company inactive',
      },
    );
    return { credentials, companies: COMPANIES.length + PROSPECTS.length, clientUsers, conversations };
  }

  /** The prospects, invited as staff do it; a lapsed invitation is moved into the past, a withdrawn one revoked. */
  private async prospects(officeId: string, owner: Actor): Promise<void> {
    for (const seed of PROSPECTS) {
      const companyId = await this.company(owner, seed);
      if (!seed.invite) continue;
      const locale: Locale = seed.country === 'PL' ? 'pl' : 'ro';
      const sent = await this.services.invitations.create(owner, {
        companyId,
        name: seed.invite.name,
        email: `${seed.invite.email}@${domain(seed.domain)}`,
        access: 'full',
        locale,
      });
      if (seed.invite.state === 'revoked') await this.services.invitations.revoke(owner, sent.id);
      if (seed.invite.state === 'expired') {
        const day = 24 * 3600 * 1000;
        await this.db.inTenant({ officeId }, (tx) =>
          updateInvitation(tx, officeId, sent.id, {
            expiresAt: new Date(Date.now() - 2 * day),
            lastSentAt: new Date(Date.now() - 17 * day),
          }),
        );
      }
    }
  }

  /**
   * Tags on a few companies, and one broadcast to every active company — fanned out at once, read by
   * the first person of every third company — so the broadcast report has something to show.
   */
  private async broadcast(
    officeId: string,
    owner: Actor,
    companyIds: Map<string, string>,
    clients: { company: CompanySeed; name: string; access: 'full' | 'limited' }[],
    clientIds: Map<string, string>,
  ) {
    for (const [index, seed] of COMPANIES.entries()) {
      const tags = [
        ...(index % 4 === 0 ? ['VAT kwartalny'] : []),
        ...(index % 7 === 0 ? ['VIP'] : []),
        ...(seed.country === 'RO' ? ['e-Factura'] : []),
      ];
      if (tags.length > 0) await this.services.companies.update(owner, companyIds.get(seed.name)!, { tags });
    }
    const sent = await this.services.broadcasts.send(owner, {
      id: randomUUID(),
      subject: 'Nowe terminy przekazywania dokumentów od stycznia 2027',
      body: 'Dzień dobry,\n\nod stycznia 2027 prosimy o przekazywanie dokumentów **do 5. dnia** każdego miesiąca. Pytania prosimy zadawać w tej rozmowie.\n\nZespół biura',
      mode: 'conversation',
      channelId: (await this.services.channels.list(owner)).find((c) => c.key === 'accounting')!.id,
      selection: { kind: 'filter', status: 'active' },
    });
    await this.services.broadcasts.fanOut({ officeId, broadcastId: sent.id });
    const recipients = await this.services.broadcasts.recipients(owner, sent.id);
    const readers = clients.filter((c, i) => c.access === 'full' && !c.company.inactive && i % 3 === 0);
    for (const reader of readers) {
      const companyId = companyIds.get(reader.company.name)!;
      const conversationId = recipients.find((r) => r.companyId === companyId)?.conversationId;
      if (conversationId)
        await this.services.conversations.markRead(
          await this.actor(officeId, clientIds.get(reader.name)!, companyId),
          conversationId,
          1,
        );
    }
  }

  private async actor(officeId: string, userId: string, companyId: string | null): Promise<Actor> {
    return this.db.inTenant({ officeId, userId }, async (tx) => {
      const load = await loadActor(tx, {
        userId,
        officeId,
        companyId,
        sessionId: null,
        csrfToken: null,
        apiTokenId: null,
        ip: null,
        requestId: 'demo',
      });
      if (!load.ok) throw new Error(`A demo person cannot act: ${load.reason}`);
      return load.actor;
    });
  }

  /** A few conversations, so the inbox, the counters and a client's messages show what the hub does. */
  private async conversations(
    officeId: string,
    owner: Actor,
    staffId: (name: string) => string,
    clientId: (name: string) => string,
    companyId: (name: string) => string,
  ) {
    const channels = Object.fromEntries((await this.services.channels.list(owner)).map((c) => [c.key, c.id]));
    let count = 0;
    for (const seed of CONVERSATIONS) {
      const company = companyId(seed.company);
      const people = new Map<string, Actor>();
      const as = async (name: string) => {
        if (!people.has(name))
          people.set(
            name,
            await this.actor(
              officeId,
              name === OWNER.name ? owner.userId : STAFF.some((s) => s.name === name) ? staffId(name) : clientId(name),
              STAFF.some((s) => s.name === name) || name === OWNER.name ? null : company,
            ),
          );
        return people.get(name)!;
      };
      const [first, ...rest] = seed.messages;
      const starter = await as(first![0]);
      const conversation = await this.services.conversations.start(starter, {
        companyId: company,
        channelId: channels[seed.channel]!,
        subject: seed.subject,
        body: first![1],
        clientId: randomUUID(),
        visibility: 'company',
      });
      for (const [author, body] of rest) {
        const actor = await as(author);
        await this.services.conversations.post(actor, conversation.id, { clientId: randomUUID(), body });
      }
      if (seed.closedBy) await this.services.conversations.close(await as(seed.closedBy), conversation.id);
      count++;
    }
    return count;
  }

  private async company(owner: Actor, seed: CompanySeed): Promise<string> {
    const country: CompanyCountry = seed.country;
    const taxId = seed.country === 'PL' ? makeNip(pick(seed.place.taxOffices)) : makeCui();
    const taxCheck = validateTaxId(country, taxId);
    if (!taxCheck.ok) throw new Error(`Generated an invalid tax id ${taxId} for ${seed.name}`);
    const address: Address = {
      label: seed.country === 'PL' ? 'Siedziba' : 'Sediu social',
      line1: seed.street,
      postalCode: seed.place.postalCode,
      city: seed.place.city,
      region: seed.place.region,
      country,
    };
    const main = seed.country === 'PL' ? 'biuro' : 'office';
    const emails = [
      { label: seed.country === 'PL' ? 'Biuro' : 'Birou', email: `${main}@${domain(seed.domain)}` },
      {
        label: seed.country === 'PL' ? 'Faktury' : 'Facturi',
        email: `${seed.country === 'PL' ? 'faktury' : 'facturi'}@${domain(seed.domain)}`,
      },
    ];
    const bankAccounts = bankAccountsFor(seed);
    for (const account of bankAccounts) {
      if (!validateIban(account.iban).ok) throw new Error(`Generated an invalid IBAN ${account.iban} for ${seed.name}`);
    }
    const phoneList = phones(seed);
    const created = await this.services.companies.create(owner, {
      name: seed.name,
      country,
      taxId,
      addresses: [address],
      emails,
      phones: phoneList,
      bankAccounts,
    });
    return created.id;
  }

  /** Accounting by country, payroll for most, invoicing for about half; the owner and admin keep a few. */
  private assignmentsFor(seed: CompanySeed, index: number, staffId: (name: string) => string, ownerId: string) {
    const items: { userId: string; specialty: Specialty }[] = [];
    if (seed.country === 'RO') items.push({ userId: staffId('Ștefan Dumitrescu'), specialty: 'accounting' });
    // The first company (whose client user the sign-in table shows) goes to Paweł, so that a client's
    // message lands in an employee's "needs my action".
    else if (index % 6 === 5) items.push({ userId: ownerId, specialty: 'accounting' });
    else if (index % 6 === 3) items.push({ userId: staffId('Małgorzata Wójcik'), specialty: 'accounting' });
    else items.push({ userId: staffId('Paweł Łuczak'), specialty: 'accounting' });
    if (random() < 0.75)
      items.push({
        userId: staffId(seed.country === 'RO' ? 'Ștefan Dumitrescu' : 'Agnieszka Dąbrowska'),
        specialty: 'payroll',
      });
    if (random() < 0.5) items.push({ userId: staffId('Ioana Bălan'), specialty: 'invoicing' });
    return items;
  }
}

function printTable(url: string, credentials: Credential[]) {
  const rows = credentials.map((c) => [
    c.role,
    c.name,
    c.email,
    c.note ? `${DEMO_PASSWORD}  (${c.note})` : DEMO_PASSWORD,
  ]);
  const header = ['Role', 'Name', 'E-mail', 'Password'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(`\n  Sign in at ${url}/sign-in\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log('');
}

async function main(): Promise<number> {
  const started = Date.now();
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let db: Database | undefined;
  let loading = false;
  let stopJobs: (() => Promise<void>) | undefined;
  try {
    let url = config.databaseUrl;
    if (!url) {
      embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, log: (msg) => console.log(`[bureau] ${msg}`) });
      url = embedded.url;
    }
    db = await Database.connect(url);
    // Demo mail stays in the outbox even when SMTP_URL is set.
    const services = createServices({ ...config, smtpUrl: undefined }, db);
    // The demo's messages queue notification jobs; the portal's workers run them once it starts.
    await services.jobs.start();
    stopJobs = () => services.jobs.stop();
    if (!(await services.office.setupStatus()).needed) {
      const where = embedded ? `the data folder ${config.dataDir}` : 'the database at DATABASE_URL';
      console.error(`\n  This portal is already set up (${where} holds an office), so the demo was not loaded.`);
      console.error('  To try the demo, use a fresh DATA_DIR, e.g.  DATA_DIR=./demo-data npm run demo\n');
      return 1;
    }
    const origin: RequestOrigin = { ip: null, userAgent: 'npm run demo', requestId: 'demo', locale: 'pl' };
    loading = true;
    const result = await new DemoLoader(db, services).load(origin);
    loading = false;
    console.log(
      `\n  Loaded the demo office "${OFFICE.name}": the owner and ${STAFF.length} staff, ${result.companies} companies, ` +
        `${result.clientUsers} client users, ${result.conversations} conversations (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    console.log(`  Start the portal with ${embedded ? `DATA_DIR=${config.dataDir} ` : ''}npm start, then:`);
    printTable(config.publicUrl, result.credentials);
    return 0;
  } catch (err) {
    if (err instanceof DataDirInUseError || err instanceof ConfigError) {
      console.error(`\n  The demo cannot be loaded: ${err.message}\n`);
      return 1;
    }
    if (loading)
      console.error('\n  The demo stopped half-way: start again with a fresh DATA_DIR (or an empty database).');
    if (err instanceof AppError) {
      console.error(
        `\n  The demo data was refused: ${err.code} ${JSON.stringify(err.options.fields ?? err.options.params ?? {})}\n`,
      );
      return 1;
    }
    throw err;
  } finally {
    await stopJobs?.().catch(() => {});
    await db?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
