// The office's channels: everyone reads them; office admins rename (per language), add, route to a
// specialty and archive them.
import { randomUUID } from 'node:crypto';
import type { Specialty } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { notFound } from '../../http/app-error.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { policy } from '../policy/index.js';
import {
  findChannel,
  insertChannel,
  insertDefaultChannels,
  listChannels,
  updateChannel,
  type ChannelNames,
} from './channel.repository.js';
import { parseId } from '../../http/ids.js';
import { presentChannel } from './channel.presenter.js';

export type ChannelInput = {
  names?: ChannelNames;
  specialty?: Specialty | null;
  position?: number;
  archived?: boolean;
};

export class ChannelService {
  constructor(private readonly db: Database) {}

  /** A new office's four default channels (Accounting, Payroll, Invoicing & Stock, Admin), in its creating transaction. */
  readonly createDefaults = (tx: Tx, officeId: string): Promise<void> => insertDefaultChannels(tx, officeId);

  async list(actor: Actor) {
    policy.require(actor, 'channel.read');
    const rows = await this.db.asActor(actor, (tx) => listChannels(tx, actor.officeId));
    const archivedToo = policy.can(actor, 'channel.readArchived');
    return rows.filter((r) => archivedToo || r.archivedAt === null).map(presentChannel);
  }

  async create(actor: Actor, input: ChannelInput & { names: ChannelNames }) {
    policy.require(actor, 'channel.manage');
    const id = randomUUID();
    return this.db.asActor(actor, async (tx) => {
      const position = input.position ?? (await listChannels(tx, actor.officeId)).length + 1;
      await insertChannel(tx, {
        id,
        officeId: actor.officeId,
        names: input.names,
        specialty: input.specialty ?? null,
        position,
      });
      const row = (await findChannel(tx, actor.officeId, id))!;
      await audit(tx, actor, {
        action: 'channel.created',
        objectType: 'channel',
        objectId: id,
        after: presentChannel(row),
      });
      return presentChannel(row);
    });
  }

  async update(actor: Actor, channelId: string, input: ChannelInput) {
    policy.require(actor, 'channel.manage');
    parseId(channelId);
    return this.db.asActor(actor, async (tx) => {
      const before = await findChannel(tx, actor.officeId, channelId);
      if (!before) throw notFound();
      await updateChannel(tx, actor.officeId, channelId, {
        ...(input.names && { names: input.names }),
        ...(input.specialty !== undefined && { specialty: input.specialty }),
        ...(input.position !== undefined && { position: input.position }),
        ...(input.archived !== undefined && { archivedAt: input.archived ? (before.archivedAt ?? new Date()) : null }),
      });
      const after = (await findChannel(tx, actor.officeId, channelId))!;
      await audit(tx, actor, {
        action: 'channel.updated',
        objectType: 'channel',
        objectId: channelId,
        before: presentChannel(before),
        after: presentChannel(after),
      });
      return presentChannel(after);
    });
  }
}
