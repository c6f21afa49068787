export { CatalogService } from './catalog.service.js';
export { catalogRoutes } from './catalog.routes.js';
export { seedCatalog } from './catalog.seed.js';
export { listItems as listServiceItems } from './catalog.repository.js';
