import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('registry settings', () => {
  it('takes the registries’ paths and ANAF’s pace from the environment, with the documented defaults', () => {
    expect(loadConfig({}).registry).toMatchObject({
      anafPath: '/api/PlatitorTvaRest/v9/tva',
      anafIntervalMs: 1000,
      whiteListPath: '/api/search/nip/{nip}',
      viesPath: '/check-vat-number',
    });
    const moved = loadConfig({
      REGISTRY_ANAF_PATH: '/api/PlatitorTvaRest/v10/tva/',
      REGISTRY_WHITELIST_PATH: '/api/v2/search/nip/{nip}',
      REGISTRY_VIES_PATH: '/v2/check-vat-number',
      REGISTRY_ANAF_INTERVAL_MS: '0',
    });
    expect(moved.registry).toMatchObject({
      anafPath: '/api/PlatitorTvaRest/v10/tva',
      whiteListPath: '/api/v2/search/nip/{nip}',
      viesPath: '/v2/check-vat-number',
      anafIntervalMs: 0,
    });
  });

  it('refuses a path that is not one, or a White List path without {nip}', () => {
    expect(() => loadConfig({ REGISTRY_ANAF_PATH: 'api/tva' })).toThrow(ConfigError);
    expect(() => loadConfig({ REGISTRY_VIES_PATH: '/check?x=1' })).toThrow(ConfigError);
    expect(() => loadConfig({ REGISTRY_WHITELIST_PATH: '/api/search/nip' })).toThrow(/\{nip\}/);
  });
});
