import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import {
  IconBell,
  IconBriefcase,
  IconCalendarEvent,
  IconChecklist,
  IconGavel,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react'
import { lazy, Suspense } from 'react'
import { Link } from 'react-router'
import { LoadingRows } from '../../components/states'
import { useAuth } from '../../lib/useAuth'
import { useUnreadCount } from '../../queries/notifications'
import { AwaitingDecisions, UpcomingInterviews } from './DashboardWidgets'

// The candidate portal is an area of its own: staff never download it.
const CandidatePortal = lazy(() => import('../candidate').then((m) => ({ default: m.CandidatePortal })))

interface Area {
  heading: string
  intro: string
  cards: { title: string; text: string; icon: Icon; to?: string }[]
}

// Each role's home: shortcuts here, live widgets below them by permission.
const AREAS: Record<string, Area> = {
  admin: {
    heading: 'Admin dashboard',
    intro: 'Manage who can do what, keep an eye on delivery and review every change.',
    cards: [
      {
        title: 'Users and roles',
        text: 'Invite people, assign roles, reset passwords.',
        icon: IconUsersGroup,
        to: '/admin/users',
      },
      {
        title: 'Audit log',
        text: 'Every change, with who, when and from where.',
        icon: IconChecklist,
        to: '/admin/audit',
      },
      {
        title: 'Email outbox',
        text: 'Emails the platform produced (captured locally).',
        icon: IconBell,
        to: '/admin/outbox',
      },
    ],
  },
  recruiter: {
    heading: 'Recruiter dashboard',
    intro: 'Your requisitions, their pipelines and the interviews you organize.',
    cards: [
      {
        title: 'Requisitions',
        text: 'Open roles and their pipelines.',
        icon: IconBriefcase,
        to: '/requisitions',
      },
      {
        title: 'Upcoming interviews',
        text: "Everyone's interviews, as a list or a week calendar.",
        icon: IconCalendarEvent,
        to: '/interviews',
      },
    ],
  },
  hiring_manager: {
    heading: 'Hiring manager dashboard',
    intro: 'The requisitions you own, their pipelines and pending feedback.',
    cards: [
      {
        title: 'My requisitions',
        text: 'Pipeline health and decisions waiting for you.',
        icon: IconBriefcase,
        to: '/requisitions',
      },
    ],
  },
  interviewer: {
    heading: 'Interviewer dashboard',
    intro: 'Interviews assigned to you, today first, with their interview kits.',
    cards: [
      {
        title: 'My interviews',
        text: 'Guides, candidate results and scorecards.',
        icon: IconCalendarEvent,
        to: '/interviews',
      },
    ],
  },
  executive: {
    heading: 'Executive dashboard',
    intro: 'Candidates awaiting your final decision, with every scorecard side by side.',
    cards: [
      {
        title: 'Final decisions',
        text: 'Step-3 decisions, scorecards side by side.',
        icon: IconGavel,
        to: '/decisions',
      },
    ],
  },
  candidate: {
    heading: 'My applications',
    intro: 'Your applications, their current step, and your assessments.',
    // The applications themselves are listed below (with their own empty state): no shortcut card.
    cards: [],
  },
  superadmin: {
    heading: 'Platform',
    intro: 'Organizations (tenants) on this InterviewFlow installation.',
    cards: [
      {
        title: 'Organizations',
        text: 'Create tenants and their first admin.',
        icon: IconUsersGroup,
        to: '/platform/organizations',
      },
    ],
  },
}

export function DashboardPage() {
  const { me, can } = useAuth()
  const unread = useUnreadCount()
  if (!me) return null
  const area = AREAS[me.role] ?? AREAS.candidate
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {area.heading}
        </Title>
        <Text c="dimmed">
          Welcome, {me.full_name.split(' ')[0]}. {area.intro}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Card withBorder radius="md" component={Link} to="/notifications">
          <Group>
            <ThemeIcon size="lg" variant="light" color="red">
              <IconBell size={20} />
            </ThemeIcon>
            <div>
              <Text fw={600}>Unread notifications</Text>
              <Text size="xl" fw={800}>
                {unread.data?.unread ?? '–'}
              </Text>
            </div>
          </Group>
        </Card>
        {area.cards.map((card) => {
          const body = (
            <Group align="flex-start" wrap="nowrap">
              <ThemeIcon size="lg" variant="light">
                <card.icon size={20} />
              </ThemeIcon>
              <div>
                <Text fw={600}>{card.title}</Text>
                <Text size="sm" c="dimmed">
                  {card.text}
                </Text>
              </div>
            </Group>
          )
          return card.to ? (
            <Card key={card.title} withBorder radius="md" component={Link} to={card.to}>
              {body}
            </Card>
          ) : (
            <Card key={card.title} withBorder radius="md">
              {body}
            </Card>
          )
        })}
      </SimpleGrid>
      {(can('decisions:final') || can('feedback:submit')) && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {can('decisions:final') && <AwaitingDecisions />}
          {can('feedback:submit') && <UpcomingInterviews mine={!can('interviews:schedule')} />}
        </SimpleGrid>
      )}
      {me.role === 'candidate' && (
        <Suspense fallback={<LoadingRows rows={3} />}>
          <CandidatePortal />
        </Suspense>
      )}
    </Stack>
  )
}
