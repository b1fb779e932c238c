// What a broadcast is sent to and how, shared by the server and the web app.
import type { Static } from 'typebox';
import type { BroadcastSelectionSchema } from './contracts/broadcasts.js';

/** Which companies: by filter (status, country, assigned staff, tag), or ticked by hand. */
export type BroadcastSelection = Static<typeof BroadcastSelectionSchema>;

/** A new conversation in each company, or an announcement (a critical notice) in its Admin channel. */
export type BroadcastMode = 'conversation' | 'announcement';
