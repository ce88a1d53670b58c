import { Card, Tabs } from '@mantine/core'
import { PageHeader } from '../../components/PageHeader'
import { LanguagesTab } from './hiring/LanguagesTab'
import { PoliciesTab } from './hiring/PoliciesTab'
import { ProctoringTab } from './hiring/ProctoringTab'
import { ReasonsTab } from './hiring/ReasonsTab'
import { RoundsTab } from './hiring/RoundsTab'

export function HiringSettingsPage() {
  return (
    <>
      <PageHeader
        title="Hiring settings"
        description="Rounds of the default pipeline, rejection reasons, the thresholds of each step, the programming languages of coding questions, and how proctoring signals are weighed."
      />
      <Card withBorder radius="md">
        <Tabs defaultValue="rounds">
          <Tabs.List mb="md">
            <Tabs.Tab value="rounds">Pipeline rounds</Tabs.Tab>
            <Tabs.Tab value="reasons">Rejection reasons</Tabs.Tab>
            <Tabs.Tab value="policies">Thresholds &amp; links</Tabs.Tab>
            <Tabs.Tab value="languages">Languages</Tabs.Tab>
            <Tabs.Tab value="proctoring">Proctoring</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="rounds">
            <RoundsTab />
          </Tabs.Panel>
          <Tabs.Panel value="reasons">
            <ReasonsTab />
          </Tabs.Panel>
          <Tabs.Panel value="policies">
            <PoliciesTab />
          </Tabs.Panel>
          <Tabs.Panel value="languages">
            <LanguagesTab />
          </Tabs.Panel>
          <Tabs.Panel value="proctoring">
            <ProctoringTab />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </>
  )
}
