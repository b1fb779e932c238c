// A person's (or the office's default) choice for one kind of event, and a set of them by kind.
import { Type } from 'typebox';
import { notificationKinds } from '../notifications.js';
import { StrictObject } from './base.js';

export const Preference = StrictObject({
  inApp: Type.Boolean(),
  email: Type.Union([Type.Literal('now'), Type.Literal('digest'), Type.Literal('off')]),
  sms: Type.Boolean(),
  push: Type.Boolean(),
});
export const PreferencesBody = StrictObject(
  Object.fromEntries(notificationKinds.map((k) => [k, Type.Optional(Preference)])),
);
