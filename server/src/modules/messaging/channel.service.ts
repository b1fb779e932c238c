// The office's channels: everyone reads them; office admins rename (per language), add, route to a
// specialty and archive them.
import { randomUUID } from 'node:crypto';
import type { Specialty } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { notFound } from '../../http/app-error.js';
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../identity/actor.js';
import { requireOfficeAction } from '../tenancy/policy.js';
import { findChannel, insertChannel, listChannels, updateChannel, type ChannelNames } from './channel.repository.js';
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

  private tenant<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.inTenant({ officeId: actor.officeId, userId: actor.userId }, fn);
  }

  async list(actor: Actor) {
    requireOfficeAction(actor, 'channel.read');
    const rows = await this.tenant(actor, (tx) => listChannels(tx, actor.officeId));
    // Archived channels stay readable for staff (old conversations live there); clients see active ones.
    return rows.filter((r) => actor.kind === 'staff' || r.archivedAt === null).map(presentChannel);
  }

  async create(actor: Actor, input: ChannelInput & { names: ChannelNames }) {
    requireOfficeAction(actor, 'channel.manage');
    const id = randomUUID();
    return this.tenant(actor, async (tx) => {
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
    requireOfficeAction(actor, 'channel.manage');
    parseId(channelId);
    return this.tenant(actor, async (tx) => {
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
