// The authorization matrix for invitations, the portfolio, imports and the public registries they ask.
import { onboardingRows } from './onboarding.rows.js';
import { registryRows } from './registry.rows.js';
import { describeMatrix } from './world.js';

describeMatrix('onboarding and registry', { ...registryRows, ...onboardingRows });
