// `npm run office -- <command>`: the instance's operator manages the offices a Bureau instance hosts.
//   create --name "Biuro Nowak" --country PL --locale pl --owner-name "Anna Nowak" --owner-email anna@biuro.pl
//   list
//   disable <office id> [--reason "Unpaid since March"]
//   enable <office id>
// It works beside a running portal (the embedded database it started, or DATABASE_URL).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded.js';
import { AppError } from '../http/app-error.js';
import { OfficeOperator } from '../modules/tenancy/office.operator.js';
import { createServices } from '../services.js';

const USAGE = `Usage: npm run office -- <command>
  create --name NAME --country PL|RO|FR|BE|OTHER --locale en|pl|ro|fr --owner-name NAME --owner-email EMAIL
  list
  disable OFFICE_ID [--reason TEXT]
  enable OFFICE_ID`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      country: { type: 'string', default: 'PL' },
      locale: { type: 'string', default: 'en' },
      'owner-name': { type: 'string' },
      'owner-email': { type: 'string' },
      reason: { type: 'string', default: '' },
    },
  });
  const [command, officeId] = positionals;
  if (
    !command ||
    !['create', 'list', 'disable', 'enable'].includes(command) ||
    (['disable', 'enable'].includes(command) && !officeId)
  ) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'create' && (!values.name || !values['owner-name'] || !values['owner-email'])) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let db: Database | undefined;
  let stopJobs: (() => Promise<void>) | undefined;
  try {
    let url = config.databaseUrl;
    if (!url) {
      embedded = await openEmbeddedDatabase({ dataDir: config.dataDir });
      url = embedded.url;
    }
    db = await Database.connect(url);
    const services = createServices(config, db);
    await services.jobs.start();
    stopJobs = () => services.jobs.stop();
    const operator = new OfficeOperator(
      db,
      services.invitations,
      { publicUrl: config.publicUrl, instanceName: config.instanceName },
      services.channels.createDefaults,
      services.sessions,
    );
    if (command === 'create') {
      const created = await operator.create({
        name: values.name!,
        country: values.country!,
        locale: values.locale!,
        ownerName: values['owner-name']!,
        ownerEmail: values['owner-email']!,
      });
      console.log(`Created the office ${created.officeId}.`);
      console.log(
        `Its owner was sent an invitation (through the office's outbox: SMTP_URL, else nowhere until the office sets its own server).`,
      );
      console.log(
        `The invitation's link, to hand over yourself if needed (valid ${config.invitationDays} days, once):\n  ${created.invitationLink}`,
      );
    } else if (command === 'list') {
      const offices = await operator.list();
      if (offices.length === 0) console.log('No office yet.');
      for (const o of offices) {
        const state = o.disabled ? `DISABLED${o.disabledReason ? ` (${o.disabledReason})` : ''}` : 'active';
        console.log(`${o.id}  ${o.name}  ${o.country}  ${state}  staff ${o.staff}, companies ${o.companies}`);
      }
    } else if (command === 'disable') {
      const { sessionsEnded } = await operator.disable(officeId!, values.reason!);
      console.log(
        `Disabled the office ${officeId}: ${sessionsEnded} session(s) ended; its people are refused until it is enabled again.`,
      );
    } else {
      await operator.enable(officeId!);
      console.log(`Enabled the office ${officeId} again.`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    if (err instanceof AppError && err.code === 'not_found') {
      console.error(`No office has the id ${officeId}: \`npm run office -- list\` shows them.`);
      return 1;
    }
    if (err instanceof AppError) {
      const detail = err.options.fields ? ` ${JSON.stringify(err.options.fields)}` : '';
      console.error(`Refused: ${err.code}${detail}`);
      return 1;
    }
    throw err;
  } finally {
    await stopJobs?.().catch(() => {});
    await db?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
