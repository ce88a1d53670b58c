import {
  IconBell,
  IconChecklist,
  IconClipboardCheck,
  IconLink,
  IconScale,
  IconBriefcase,
  IconBooks,
  IconCalendarEvent,
  IconBuilding,
  IconGavel,
  IconAdjustments,
  IconHistory,
  IconKey,
  IconLayoutDashboard,
  IconMail,
  IconMailCog,
  IconStack2,
  IconUsers,
  IconUserSearch,
  IconShieldCheck,
  IconEye,
  type Icon,
} from '@tabler/icons-react'

export interface NavItem {
  label: string
  to: string
  icon: Icon
  /** Shown only to people holding this permission; nav follows permissions, never role names. */
  permission?: string
  section: 'main' | 'admin' | 'platform'
}

export const NAV_ITEMS: NavItem[] = [
  { label: 'Dashboard', to: '/', icon: IconLayoutDashboard, section: 'main' },
  {
    label: 'Requisitions',
    to: '/requisitions',
    icon: IconBriefcase,
    permission: 'requisitions:read',
    section: 'main',
  },
  {
    label: 'Candidates',
    to: '/candidates',
    icon: IconUserSearch,
    permission: 'candidates:read',
    section: 'main',
  },
  {
    label: 'Assessments',
    to: '/assessments',
    icon: IconClipboardCheck,
    permission: 'assessments:read',
    section: 'main',
  },
  { label: 'Links', to: '/links', icon: IconLink, permission: 'links:create', section: 'main' },
  {
    label: 'Step-1 reviews',
    to: '/step1-reviews',
    icon: IconScale,
    permission: 'decisions:step1_review',
    section: 'main',
  },
  { label: 'Grading', to: '/grading', icon: IconChecklist, permission: 'assessments:grade', section: 'main' },
  {
    label: 'Interviews',
    to: '/interviews',
    icon: IconCalendarEvent,
    permission: 'feedback:submit',
    section: 'main',
  },
  {
    label: 'Question banks',
    to: '/questions',
    icon: IconBooks,
    permission: 'questions:read',
    section: 'main',
  },
  {
    label: 'Final decisions',
    to: '/decisions',
    icon: IconGavel,
    permission: 'decisions:final',
    section: 'main',
  },
  {
    label: 'Live monitor',
    to: '/integrity/live',
    icon: IconEye,
    permission: 'proctoring:monitor',
    section: 'main',
  },
  {
    label: 'Integrity reviews',
    to: '/integrity',
    icon: IconShieldCheck,
    permission: 'proctoring:review',
    section: 'main',
  },
  {
    label: 'Notifications',
    to: '/notifications',
    icon: IconBell,
    permission: 'notifications:read',
    section: 'main',
  },
  { label: 'Users', to: '/admin/users', icon: IconUsers, permission: 'users:write', section: 'admin' },
  {
    label: 'Hiring settings',
    to: '/admin/hiring',
    icon: IconAdjustments,
    permission: 'settings:write',
    section: 'admin',
  },
  {
    label: 'API keys',
    to: '/admin/api-keys',
    icon: IconKey,
    permission: 'api_keys:manage',
    section: 'admin',
  },
  { label: 'Audit log', to: '/admin/audit', icon: IconHistory, permission: 'audit:read', section: 'admin' },
  {
    label: 'Email templates',
    to: '/admin/email-templates',
    icon: IconMailCog,
    permission: 'email_templates:manage',
    section: 'admin',
  },
  { label: 'Outbox', to: '/admin/outbox', icon: IconMail, permission: 'outbox:read', section: 'admin' },
  { label: 'Jobs', to: '/admin/jobs', icon: IconStack2, permission: 'jobs:manage', section: 'admin' },
  {
    label: 'Organizations',
    to: '/platform/organizations',
    icon: IconBuilding,
    permission: 'organizations:manage',
    section: 'platform',
  },
]

export function navFor(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.includes(item.permission))
}
