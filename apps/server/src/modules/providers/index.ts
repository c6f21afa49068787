export { ProvidersService } from './providers.service.js';
export { providersRoutes } from './providers.routes.js';
export { seedProviders } from './providers.seed.js';
export { findStaff } from './providers.repository.js';
