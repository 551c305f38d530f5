/**
 * View models for /admin/users: the list, the add and change forms, and the password reset form.
 * Values are returned as plain text; templates escape them.
 */
import type { FieldErrors, UserSummary } from '../../../services/accountService.ts';
import { ROLES, ROLE_LABELS, type Role } from '../../../domain/access.ts';
import { ROUTES, adminUserPasswordPath, adminUserPath } from '../../urls.ts';

export const ROLE_HINTS: Record<Role, string> = {
  administrator: 'Manages users and roles, and can see the audit log.',
  'performance-officer': 'Runs the framework: approves and publishes, can see the audit log.',
  'data-owner': 'Enters results and commentary for the indicators and services in their scope.',
  'governance-officer': 'Prepares committee papers from approved data.',
  councillor: 'Reads unpublished data before committee.',
};

/** The order fields appear in the forms (and so in the error summary). */
const FIELD_ORDER = ['user', 'name', 'email', 'role', 'refs', 'services', 'active', 'password', 'confirm', 'reason'];

export function errorSummary(errors: FieldErrors): { text: string; href: string }[] | null {
  const keys = Object.keys(errors).sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
  return keys.length ? keys.map((k) => ({ text: errors[k]!, href: `#${k === 'role' ? 'role' : k === 'active' ? 'active' : k}` })) : null;
}

function inline(errors: FieldErrors): Record<string, { text: string }> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, { text: v }]));
}

export interface UserListView {
  pageTitle: string;
  notice: string | null;
  users: {
    id: number;
    name: string;
    email: string;
    role: string;
    scope: string;
    status: string;
    active: boolean;
    isYou: boolean;
    changeHref: string;
    passwordHref: string;
  }[];
}

export function describeScope(user: Pick<UserSummary, 'role' | 'scope'>): string {
  if (user.role !== 'data-owner') return '';
  const parts = [];
  if (user.scope.refs.length) parts.push(`Indicators: ${user.scope.refs.join(', ')}`);
  if (user.scope.services.length) parts.push(`Services: ${user.scope.services.join(', ')}`);
  return parts.length ? parts.join('. ') : 'Nothing yet';
}

export function buildUserListView(users: UserSummary[], currentUserId: number | null, notice: string | null = null): UserListView {
  return {
    pageTitle: 'Users',
    notice,
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: ROLE_LABELS[u.role],
      scope: describeScope(u),
      status: u.active ? (u.hasPassword ? 'Active' : 'Active, no password') : 'Deactivated',
      active: u.active,
      isYou: u.id === currentUserId,
      changeHref: adminUserPath(u.id),
      passwordHref: adminUserPasswordPath(u.id),
    })),
  };
}

export interface UserFormValues {
  name: string;
  email: string;
  role: string;
  refs: string;
  services: string;
  active: boolean;
  reason: string;
}

export interface UserFormView {
  pageTitle: string;
  mode: 'add' | 'change';
  action: string;
  user: { id: number; email: string; name: string } | null;
  values: UserFormValues;
  roleItems: { value: string; text: string; hint: { text: string }; checked: boolean }[];
  activeItems: { value: string; text: string; checked: boolean }[];
  errorSummary: { text: string; href: string }[] | null;
  errors: Record<string, { text: string }>;
}

export function buildUserFormView(
  mode: 'add' | 'change',
  values: Partial<UserFormValues>,
  errors: FieldErrors = {},
  user: { id: number; email: string; name: string } | null = null,
): UserFormView {
  const v: UserFormValues = {
    name: values.name ?? '',
    email: values.email ?? '',
    role: values.role ?? '',
    refs: values.refs ?? '',
    services: values.services ?? '',
    active: values.active ?? true,
    reason: values.reason ?? '',
  };
  return {
    pageTitle: mode === 'add' ? 'Add a user' : `Change ${user?.name ?? 'user'}`,
    mode,
    action: mode === 'add' ? ROUTES.adminUsers : adminUserPath(user!.id),
    user,
    values: v,
    roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], hint: { text: ROLE_HINTS[r] }, checked: v.role === r })),
    activeItems: [
      { value: 'true', text: 'Active: can sign in', checked: v.active },
      { value: 'false', text: 'Deactivated: cannot sign in', checked: !v.active },
    ],
    errorSummary: errorSummary(errors),
    errors: inline(errors),
  };
}

export interface PasswordFormView {
  pageTitle: string;
  action: string;
  user: { id: number; email: string; name: string };
  reason: string;
  errorSummary: { text: string; href: string }[] | null;
  errors: Record<string, { text: string }>;
}

export function buildPasswordView(user: { id: number; email: string; name: string }, reason = '', errors: FieldErrors = {}): PasswordFormView {
  return {
    pageTitle: `Reset the password of ${user.name}`,
    action: adminUserPasswordPath(user.id),
    user,
    reason,
    errorSummary: errorSummary(errors),
    errors: inline(errors),
  };
}
