// The health check a load balancer or container runtime polls.
import { Type } from 'typebox';

export const Health = Type.Object({ status: Type.String(), database: Type.String() });
