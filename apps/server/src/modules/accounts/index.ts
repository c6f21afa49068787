export { AccountsService, toCurrentUser } from './accounts.service.js';
export { accountsRoutes } from './accounts.routes.js';
