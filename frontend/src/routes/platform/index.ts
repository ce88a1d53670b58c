// The platform operator: organizations (tenants) of the installation.
export { OrganizationsPage } from './OrganizationsPage'
