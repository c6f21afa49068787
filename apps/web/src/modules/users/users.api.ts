import type { Role } from '@yiyang/contracts';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  disabled: boolean;
  createdAt: string;
}

export const usersKey = ['users'] as const;
