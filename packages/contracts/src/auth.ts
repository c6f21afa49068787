import { z } from 'zod';
import { Id, PageQuery } from './common.js';

export const ROLES = [
  'admin', // district civil-affairs bureau
  'street', // street office
  'community', // community residents' committee worker
  'grid', // grid worker
  'operator', // service / call centre
  'provider', // service provider administrator
  'caregiver', // provider staff doing home visits
  'responder', // emergency responder
  'family', // elder or family member
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const CurrentUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgUnitId: Id,
  permissions: z.array(z.string()),
  providerId: Id.nullable().optional(),
  staffId: Id.nullable().optional(),
  responderId: Id.nullable().optional(),
  elderIds: z.array(Id).optional(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const LoginResponse = z.object({
  token: z.string(),
  user: CurrentUser,
});

/** What an administrator can create; the password must meet the policy (see passwordProblems). */
export const CreateUser = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[a-z0-9_.-]+$/, 'lower-case letters, digits, dot, dash and underscore only'),
  displayName: z.string().trim().min(1).max(60),
  role: Role,
  orgUnitId: Id,
  password: z.string().min(1).max(256),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const UserSummary = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgUnitId: Id,
  disabled: z.boolean(),
  createdAt: z.string(),
});

/** The users list; `orgUnitId` narrows it to that unit's subtree (the header's area picker). */
export const UserListQuery = PageQuery.extend({ orgUnitId: Id.optional() });
export type UserListQuery = z.infer<typeof UserListQuery>;

export const ChangePassword = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Password policy for new passwords. Returns the broken rules (empty when acceptable);
 * shared with the console so the form says the same as the server.
 */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) problems.push('at least three of: lower-case, upper-case, digit, symbol');
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('must not contain the username');
  if (/^(.)\1+$/.test(password)) problems.push('must not be one repeated character');
  return problems;
}
