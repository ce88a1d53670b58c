// Everyone signed in: the app shell, each role's dashboard, notifications.
export { AppLayout } from '../../components/AppLayout'
export { DashboardPage } from './DashboardPage'
export { NotFoundPage } from './NotFoundPage'
export { NotificationsPage } from './NotificationsPage'
