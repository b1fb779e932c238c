// The only serializer of channels.
import type { ChannelSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { ChannelRow } from './channel.repository.js';

export function presentChannel(row: ChannelRow): Static<typeof ChannelSchema> {
  return {
    id: row.id,
    key: row.key,
    names: row.names,
    specialty: row.specialty,
    position: row.position,
    archived: row.archivedAt !== null,
  };
}
