import { ApartmentOutlined, AuditOutlined, HomeOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import './elders/elders.i18n.js';
import { CalendarOutlined, SafetyCertificateOutlined, ScheduleOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import type { Role } from '@yiyang/contracts';
import { lazy, type ReactNode } from 'react';
import './orders/i18n.js';
import { AlertOutlined, WifiOutlined } from '@ant-design/icons';
import './alarms/alarms.i18n.js';
import { CarryOutOutlined } from '@ant-design/icons';
import './plans/plans.i18n.js';

/**
 * Every console page is one entry here: its route under the console, its menu item and the
 * permission (from apps/server/src/platform/auth/permissions.ts) a user needs to see it.
 * The server enforces the permission again; this only keeps menus free of dead ends.
 */
export interface ConsoleModule {
  /** Route path relative to the console root ('' is the home page). */
  path: string;
  element: ReactNode;
  /** Omit for pages reached from other pages (detail views) rather than the menu. */
  menu?: { key: string; labelKey: string; icon: ReactNode };
  permission: string | null;
}

/** A page of the large-type phone shell under /m for people working in the field. */
export interface MobileModule {
  /** Route path relative to /m. */
  path: string;
  element: ReactNode;
  /** Shown as a big tile on the /m start page. */
  tile?: { labelKey: string; icon: ReactNode };
  roles: readonly Role[];
  permission: string | null;
}

const HomePage = lazy(() => import('./home/HomePage.js'));
const OrgUnitsPage = lazy(() => import('./org/OrgUnitsPage.js'));
const UsersPage = lazy(() => import('./users/UsersPage.js'));
const AuditPage = lazy(() => import('./audit/AuditPage.js'));
const ElderListPage = lazy(() => import('./elders/ElderListPage.js'));
const ElderPage = lazy(() => import('./elders/ElderPage.js'));
const ElderFormPage = lazy(() => import('./elders/ElderFormPage.js'));
const ElderImportPage = lazy(() => import('./elders/ImportPage.js'));
const OrderBoardPage = lazy(() => import('./orders/OrderBoardPage.js'));
const OrderDetailPage = lazy(() => import('./orders/OrderDetailPage.js'));
const CaregiverTasksPage = lazy(() => import('./orders/CaregiverTasksPage.js'));
const FamilyServicesPage = lazy(() => import('./orders/FamilyServicesPage.js'));
const SupervisionPage = lazy(() => import('./orders/SupervisionPage.js'));
const AlarmQueuePage = lazy(() => import('./alarms/AlarmQueuePage.js'));
const AlarmPage = lazy(() => import('./alarms/AlarmPage.js'));
const ResponderPage = lazy(() => import('./alarms/ResponderPage.js'));
const DevicesPage = lazy(() => import('./alarms/DevicesPage.js'));
const HolidaysPage = lazy(() => import('./plans/HolidaysPage.js'));

export const consoleModules: ConsoleModule[] = [
  { path: '', element: <HomePage />, menu: { key: 'home', labelKey: 'menu.home', icon: <HomeOutlined /> }, permission: null },
  { path: 'org', element: <OrgUnitsPage />, menu: { key: 'org', labelKey: 'menu.org', icon: <ApartmentOutlined /> }, permission: 'org.read' },
  { path: 'users', element: <UsersPage />, menu: { key: 'users', labelKey: 'menu.users', icon: <TeamOutlined /> }, permission: 'users.read' },
  { path: 'elders', element: <ElderListPage />, menu: { key: 'elders', labelKey: 'elders.menu', icon: <IdcardOutlined /> }, permission: 'elders.read' },
  { path: 'elders/new', element: <ElderFormPage />, permission: 'elders.write' },
  { path: 'elders/import', element: <ElderImportPage />, permission: 'elders.import' },
  { path: 'elders/:id', element: <ElderPage />, permission: 'elders.read' },
  { path: 'elders/:id/edit', element: <ElderFormPage />, permission: 'elders.write' },
  { path: 'audit', element: <AuditPage />, menu: { key: 'audit', labelKey: 'menu.audit', icon: <AuditOutlined /> }, permission: 'audit.read' },
  { path: 'orders', element: <OrderBoardPage />, menu: { key: 'orders', labelKey: 'orders.menu', icon: <ScheduleOutlined /> }, permission: 'orders.read' },
  { path: 'orders/:id', element: <OrderDetailPage />, permission: 'orders.read' },
  { path: 'supervision', element: <SupervisionPage />, menu: { key: 'supervision', labelKey: 'orders.supervision.menu', icon: <SafetyCertificateOutlined /> }, permission: 'orders.dispatch' },
  { path: 'alarms', element: <AlarmQueuePage />, menu: { key: 'alarms', labelKey: 'menu.alarms', icon: <AlertOutlined /> }, permission: 'alarms.read' },
  { path: 'alarms/:id', element: <AlarmPage />, permission: 'alarms.read' },
  { path: 'devices', element: <DevicesPage />, menu: { key: 'devices', labelKey: 'menu.devices', icon: <WifiOutlined /> }, permission: 'devices.read' },
  { path: 'holidays', element: <HolidaysPage />, menu: { key: 'holidays', labelKey: 'plans.holidays.menu', icon: <CarryOutOutlined /> }, permission: 'catalog.manage' },
];

export const mobileModules: MobileModule[] = [
  { path: 'tasks', element: <CaregiverTasksPage />, tile: { labelKey: 'orders.mobile.tasksTile', icon: <CalendarOutlined /> }, roles: ['caregiver'], permission: 'orders.work' },
  { path: 'services', element: <FamilyServicesPage />, tile: { labelKey: 'orders.mobile.servicesTile', icon: <ShoppingCartOutlined /> }, roles: ['family'], permission: 'orders.create' },
  { path: 'alarms', element: <ResponderPage />, tile: { labelKey: 'mobile.alarms', icon: <AlertOutlined /> }, roles: ['responder'], permission: 'alarms.respond' },
];
