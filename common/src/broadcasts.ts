// What a broadcast is sent to and how, shared by the server and the web app.

/** Which companies: by filter (status, country, assigned staff, tag), or ticked by hand. */
export type BroadcastSelection =
  | { kind: 'filter'; status?: 'active' | 'inactive'; country?: string; assignedTo?: string; tag?: string }
  | { kind: 'companies'; companyIds: string[] };

/** A new conversation in each company, or an announcement (a critical notice) in its Admin channel. */
export type BroadcastMode = 'conversation' | 'announcement';
