import type { Role } from '@yiyang/contracts';

/**
 * Who may do what, in one table so a reviewer can read the whole policy at once. Where a record
 * may be touched is a separate question, answered by the org scope (platform/scope.ts).
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'elders.read',
  'elders.write',
  'elders.reveal', // see ID-card and phone numbers in full (each view audited)
  'elders.import',
  'elders.export',
  'assessments.write',
  'health.write',
  'catalog.read',
  'catalog.manage',
  'providers.read',
  'providers.manage',
  'orders.read',
  'orders.create',
  'orders.dispatch',
  'orders.work', // accept, start, check in and out: the provider side of an order
  'orders.confirm',
  'orders.review',
  'orders.callback',
  'plans.manage',
  'devices.read',
  'devices.manage',
  'alarms.read',
  'alarms.handle',
  'alarms.respond',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const registryWorker: Permission[] = [
  'org.read', 'elders.read', 'elders.write', 'elders.reveal', 'elders.import', 'elders.export',
  'assessments.write', 'health.write', 'catalog.read', 'providers.read', 'orders.read', 'orders.create',
  'devices.read', 'alarms.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  street: [...registryWorker, 'org.manage', 'users.read', 'audit.read', 'orders.dispatch', 'plans.manage'],
  community: [...registryWorker, 'plans.manage'],
  // Grid workers keep records current and follow up alerts, but see numbers masked.
  grid: registryWorker.filter((p) => p !== 'elders.reveal' && p !== 'elders.export' && p !== 'elders.import'),
  operator: [
    'org.read', 'elders.read', 'elders.reveal', 'catalog.read', 'providers.read', 'orders.read', 'orders.create',
    'orders.dispatch', 'orders.confirm', 'orders.callback', 'devices.read', 'alarms.read', 'alarms.handle',
  ],
  provider: ['org.read', 'catalog.read', 'providers.read', 'orders.read', 'orders.dispatch', 'orders.work', 'elders.read'],
  caregiver: ['org.read', 'catalog.read', 'orders.read', 'orders.work', 'elders.read'],
  responder: ['org.read', 'alarms.read', 'alarms.respond', 'elders.read'],
  family: ['catalog.read', 'orders.read', 'orders.create', 'orders.confirm', 'orders.review', 'elders.read'],
};

export function permissionsOf(role: Role): Set<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

/** The roles whose holders may do `permission`: who can be handed work that needs it. */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}
