// Web Push: the VAPID key to subscribe with and the person's own devices.
import { Type, type Static } from 'typebox';
import { DateTime, NullableDateTime, StrictObject, type Wire } from './base.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
export const PushDevice = Type.Object({
  id: Type.String(),
  endpoint: Type.String(),
  userAgent: NullableString,
  createdAt: DateTime,
  lastSuccessAt: NullableDateTime,
  lastError: NullableString,
});
export const PushDeviceList = Type.Object({ items: Type.Array(PushDevice) });
export const PushKey = Type.Object({ publicKey: Type.String() });
export const PushTestResult = Type.Object({ devices: Type.Integer() });
const Endpoint = Type.String({ minLength: 1, maxLength: 2048 });
// The shape of the browser's PushSubscription.toJSON().
export const PushSubscriptionBody = StrictObject({
  endpoint: Endpoint,
  expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  keys: StrictObject({
    p256dh: Type.String({ minLength: 1, maxLength: 200 }),
    auth: Type.String({ minLength: 1, maxLength: 100 }),
  }),
});
export const PushEndpointQuery = StrictObject({ endpoint: Endpoint });

export type PushDevice = Wire<Static<typeof PushDevice>>;
