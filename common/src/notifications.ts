// What people are told about, and how: the kinds of event and the ways, with the defaults an office
// starts from. Shared by the server (who gets what) and the web app (the preferences page).
export const notificationKinds = [
  'message',
  'conversation',
  'mention',
  'document',
  'due_date',
  'announcement',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** E-mail: at once (for messages: when still unread after the office's delay), in a daily digest, or not at all. */
export const emailModes = ['now', 'digest', 'off'] as const;
export type EmailMode = (typeof emailModes)[number];

export type NotificationPreference = { inApp: boolean; email: EmailMode; sms: boolean; push: boolean };

/** Kinds about a conversation's messages: their e-mail waits for the unread delay and gathers what is still unread. */
export const conversationKinds: readonly NotificationKind[] = ['message', 'conversation', 'mention'];

/** Kinds that may carry critical notices (a tax due date, an office announcement): never switched off entirely. */
export const criticalKinds: readonly NotificationKind[] = ['due_date', 'announcement'];

export const defaultNotificationPreferences: Record<NotificationKind, NotificationPreference> = {
  message: { inApp: true, email: 'now', sms: false, push: true },
  conversation: { inApp: true, email: 'now', sms: false, push: true },
  mention: { inApp: true, email: 'now', sms: false, push: true },
  document: { inApp: true, email: 'digest', sms: false, push: false },
  due_date: { inApp: true, email: 'now', sms: false, push: true },
  announcement: { inApp: true, email: 'now', sms: false, push: true },
};
