// The face of the registry module: what other modules may use of it. Reach for nothing behind it.
export { registryRecord, type RegistryRecord, type RegistryService } from './registry.service.js';
