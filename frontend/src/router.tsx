/**
 * Routes, split by area: each area (signin, public, home, recruiter, admin, interviewer, decisions, platform,
 * assessments, player; the candidate portal loads from the dashboard) is one JavaScript chunk, downloaded the
 * first time one of its pages opens. The sign-in page and the job board therefore load only their area on top of the entry
 * (bench/spa_size.py reports the sizes). Declarative routes (useRoutes in a BrowserRouter) rather than a data
 * router: the app loads its data with TanStack Query, and the data router's machinery would cost every page
 * ~16 KB of gzip JavaScript for nothing.
 * A new area (the test player …) gets a folder with an index.ts and a line in AREAS.
 */
import { lazy, type ComponentType, type ReactNode } from 'react'
import { useRoutes, type RouteObject } from 'react-router'
import { RequireAuth, RequirePermission } from './components/guards'

const AREAS = {
  signin: () => import('./routes/signin'),
  public: () => import('./routes/public'),
  home: () => import('./routes/home'),
  recruiter: () => import('./routes/recruiter'),
  admin: () => import('./routes/admin'),
  interviewer: () => import('./routes/interviewer'),
  decisions: () => import('./routes/decisions'),
  platform: () => import('./routes/platform'),
  assessments: () => import('./routes/assessments'),
  integrity: () => import('./routes/integrity'),
  player: () => import('./routes/player'),
  questions: () => import('./routes/questions'),
}
type Areas = typeof AREAS
type PagesOf<A extends keyof Areas> = Awaited<ReturnType<Areas[A]>>

/** A page of an area, rendered once the area's chunk has loaded (a Suspense boundary shows progress). */
function page<A extends keyof Areas>(area: A, name: keyof PagesOf<A>): ReactNode {
  const Page = lazy(async () => ({ default: ((await AREAS[area]()) as PagesOf<A>)[name] as ComponentType }))
  return <Page />
}

const guarded = (permission: string | string[], element: ReactNode) => (
  <RequirePermission permission={permission}>{element}</RequirePermission>
)

const routes: RouteObject[] = [
  { path: '/login', element: page('signin', 'LoginPage') },
  { path: '/jobs/:slug', element: page('public', 'JobBoardPage') },
  { path: '/jobs/:slug/:id', element: page('public', 'JobPage') },
  { path: '/activate', element: page('public', 'ActivatePage') },
  { path: '/confirm-application', element: page('public', 'ConfirmApplicationPage') },
  // The test player: the link from the invitation email, the access-code sign-in, the test itself.
  { path: '/t', element: page('player', 'CodeSignInPage') },
  { path: '/t/:token', element: page('player', 'LinkSignInPage') },
  { path: '/test', element: page('player', 'PlayerPage') },
  {
    element: <RequireAuth />,
    children: [
      {
        element: page('home', 'AppLayout'),
        children: [
          { index: true, element: page('home', 'DashboardPage') },
          {
            path: 'notifications',
            element: guarded('notifications:read', page('home', 'NotificationsPage')),
          },
          {
            path: 'requisitions',
            element: guarded('requisitions:read', page('recruiter', 'RequisitionsPage')),
          },
          {
            path: 'requisitions/new',
            element: guarded('requisitions:write', page('recruiter', 'RequisitionFormPage')),
          },
          { path: 'requisitions/:id', element: guarded('requisitions:read', page('recruiter', 'BoardPage')) },
          {
            path: 'requisitions/:id/edit',
            element: guarded('requisitions:write', page('recruiter', 'RequisitionFormPage')),
          },
          { path: 'candidates', element: guarded('candidates:read', page('recruiter', 'CandidatesPage')) },
          { path: 'candidates/:id', element: guarded('candidates:read', page('recruiter', 'CandidatePage')) },
          { path: 'interviews', element: guarded('feedback:submit', page('interviewer', 'InterviewsPage')) },
          {
            path: 'interviews/:id',
            element: guarded('feedback:submit', page('interviewer', 'InterviewKitPage')),
          },
          {
            path: 'decisions',
            element: guarded('decisions:final', page('decisions', 'FinalDecisionsPage')),
          },
          {
            path: 'decisions/:applicationId',
            element: guarded('decisions:final', page('decisions', 'FinalDecisionPage')),
          },
          {
            path: 'assessments',
            element: guarded('assessments:read', page('assessments', 'AssessmentsPage')),
          },
          {
            path: 'assessments/new',
            element: guarded('assessments:write', page('assessments', 'AssessmentEditorPage')),
          },
          {
            path: 'assessments/:id',
            element: guarded('assessments:read', page('assessments', 'AssessmentEditorPage')),
          },
          {
            path: 'assessments/:id/preview',
            element: guarded('assessments:read', page('assessments', 'AssessmentPreviewPage')),
          },
          { path: 'links', element: guarded('links:create', page('assessments', 'LinksPage')) },
          {
            path: 'step1-reviews',
            element: guarded('decisions:step1_review', page('assessments', 'Step1ReviewsPage')),
          },
          { path: 'grading', element: guarded('assessments:grade', page('assessments', 'GradingQueuePage')) },
          {
            path: 'results/:sessionId',
            element: guarded(
              ['candidates:read', 'interviews:read_assigned'],
              page('assessments', 'ResultsPage'),
            ),
          },
          { path: 'questions', element: guarded('questions:read', page('questions', 'QuestionsPage')) },
          { path: 'questions/banks', element: guarded('questions:read', page('questions', 'BanksPage')) },
          {
            path: 'questions/new',
            element: guarded('questions:write', page('questions', 'QuestionEditorPage')),
          },
          {
            path: 'questions/import',
            element: guarded('questions:write', page('questions', 'ImportExportPage')),
          },
          {
            path: 'questions/feedback',
            element: guarded('questions:write', page('questions', 'FeedbackPage')),
          },
          {
            path: 'questions/:id',
            element: guarded('questions:read', page('questions', 'QuestionEditorPage')),
          },
          {
            path: 'questions/:id/versions/:versionId',
            element: guarded('questions:read', page('questions', 'VersionPage')),
          },
          { path: 'integrity', element: guarded('proctoring:review', page('integrity', 'ReviewQueuePage')) },
          {
            path: 'integrity/live',
            element: guarded('proctoring:monitor', page('integrity', 'LiveMonitorPage')),
          },
          {
            path: 'integrity/sessions/:id',
            element: guarded('proctoring:monitor', page('integrity', 'IntegrityReviewPage')),
          },
          { path: 'admin/users', element: guarded('users:write', page('admin', 'UsersPage')) },
          { path: 'admin/api-keys', element: guarded('api_keys:manage', page('admin', 'ApiKeysPage')) },
          { path: 'admin/audit', element: guarded('audit:read', page('admin', 'AuditLogPage')) },
          { path: 'admin/hiring', element: guarded('settings:write', page('admin', 'HiringSettingsPage')) },
          {
            path: 'admin/email-templates',
            element: guarded('email_templates:manage', page('admin', 'EmailTemplatesPage')),
          },
          { path: 'admin/outbox', element: guarded('outbox:read', page('admin', 'OutboxPage')) },
          { path: 'admin/jobs', element: guarded('jobs:manage', page('admin', 'JobsPage')) },
          {
            path: 'platform/organizations',
            element: guarded('organizations:manage', page('platform', 'OrganizationsPage')),
          },
          { path: '*', element: page('home', 'NotFoundPage') },
        ],
      },
    ],
  },
]

/** The page for the current address. */
export function AppRoutes() {
  return useRoutes(routes)
}
