import { FinalDecisionPage } from './routes/decisions/FinalDecisionPage'
import { FinalDecisionsPage } from './routes/decisions/FinalDecisionsPage'
import type { ReactNode } from 'react'
import { createBrowserRouter } from 'react-router'
import { AppLayout } from './components/AppLayout'
import { RequireAuth, RequirePermission } from './components/guards'
import { ApiKeysPage } from './routes/admin/ApiKeysPage'
import { AuditLogPage } from './routes/admin/AuditLogPage'
import { EmailTemplatesPage } from './routes/admin/EmailTemplatesPage'
import { HiringSettingsPage } from './routes/admin/HiringSettingsPage'
import { JobsPage } from './routes/admin/JobsPage'
import { OutboxPage } from './routes/admin/OutboxPage'
import { UsersPage } from './routes/admin/UsersPage'
import { DashboardPage } from './routes/DashboardPage'
import { InterviewKitPage } from './routes/interviewer/InterviewKitPage'
import { InterviewsPage } from './routes/interviewer/InterviewsPage'
import { LoginPage } from './routes/LoginPage'
import { NotFoundPage } from './routes/NotFoundPage'
import { NotificationsPage } from './routes/NotificationsPage'
import { OrganizationsPage } from './routes/platform/OrganizationsPage'
import { ActivatePage } from './routes/public/ActivatePage'
import { ConfirmApplicationPage } from './routes/public/ConfirmApplicationPage'
import { JobBoardPage } from './routes/public/JobBoardPage'
import { JobPage } from './routes/public/JobPage'
import { BoardPage } from './routes/recruiter/BoardPage'
import { CandidatePage } from './routes/recruiter/CandidatePage'
import { CandidatesPage } from './routes/recruiter/CandidatesPage'
import { RequisitionFormPage } from './routes/recruiter/RequisitionFormPage'
import { RequisitionsPage } from './routes/recruiter/RequisitionsPage'

const guarded = (permission: string, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
)

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/jobs/:slug', element: <JobBoardPage /> },
  { path: '/jobs/:slug/:id', element: <JobPage /> },
  { path: '/activate', element: <ActivatePage /> },
  { path: '/confirm-application', element: <ConfirmApplicationPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'notifications', element: guarded('notifications:read', <NotificationsPage />) },
          { path: 'requisitions', element: guarded('requisitions:read', <RequisitionsPage />) },
          { path: 'requisitions/new', element: guarded('requisitions:write', <RequisitionFormPage />) },
          { path: 'requisitions/:id', element: guarded('requisitions:read', <BoardPage />) },
          { path: 'requisitions/:id/edit', element: guarded('requisitions:write', <RequisitionFormPage />) },
          { path: 'candidates', element: guarded('candidates:read', <CandidatesPage />) },
          { path: 'interviews', element: guarded('feedback:submit', <InterviewsPage />) },
          { path: 'interviews/:id', element: guarded('feedback:submit', <InterviewKitPage />) },
          { path: 'candidates/:id', element: guarded('candidates:read', <CandidatePage />) },
          { path: 'decisions', element: guarded('decisions:final', <FinalDecisionsPage />) },
          { path: 'decisions/:applicationId', element: guarded('decisions:final', <FinalDecisionPage />) },
          { path: 'admin/users', element: guarded('users:write', <UsersPage />) },
          { path: 'admin/api-keys', element: guarded('api_keys:manage', <ApiKeysPage />) },
          { path: 'admin/audit', element: guarded('audit:read', <AuditLogPage />) },
          { path: 'admin/hiring', element: guarded('settings:write', <HiringSettingsPage />) },
          {
            path: 'admin/email-templates',
            element: guarded('email_templates:manage', <EmailTemplatesPage />),
          },
          { path: 'admin/outbox', element: guarded('outbox:read', <OutboxPage />) },
          { path: 'admin/jobs', element: guarded('jobs:manage', <JobsPage />) },
          { path: 'platform/organizations', element: guarded('organizations:manage', <OrganizationsPage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
])
