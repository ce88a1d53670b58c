// Organization administrators: people, settings, integrations and what the platform did.
export { ApiKeysPage } from './ApiKeysPage'
export { AuditLogPage } from './AuditLogPage'
export { EmailTemplatesPage } from './EmailTemplatesPage'
export { HiringSettingsPage } from './HiringSettingsPage'
export { JobsPage } from './JobsPage'
export { OutboxPage } from './OutboxPage'
export { UsersPage } from './UsersPage'
