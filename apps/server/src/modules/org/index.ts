export { OrgService } from './org.service.js';
export { orgRoutes } from './org.routes.js';
export { buildTree, childLevelOf } from './org.tree.js';
