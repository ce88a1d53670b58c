import { Alert, Button, Grid } from '@mantine/core'
import { Link, useParams } from 'react-router'
import { PageHeader } from '../../components/PageHeader'
import { ErrorState, LoadingRows } from '../../components/states'
import { formatDateTime } from '../../lib/format'
import { useVersion } from '../../queries/questions'
import { HistoryCard } from './QuestionEditorPage'
import { QuestionReadOnly } from './QuestionReadOnly'

/** One version of a question, read-only: what the test sessions given that version saw. */
export function VersionPage() {
  const { id = '', versionId = '' } = useParams()
  const version = useVersion(id, versionId)
  if (version.isError) return <ErrorState error={version.error} onRetry={() => void version.refetch()} />
  if (!version.data) return <LoadingRows />
  const meta = version.data.version_meta
  return (
    <>
      <PageHeader
        title={`${version.data.content.title} · version ${meta.number}`}
        description={`Saved ${formatDateTime(meta.updated_at)} · given to ${meta.times_served} test session${meta.times_served === 1 ? '' : 's'}`}
        actions={
          <Button variant="default" component={Link} to={`/questions/${id}`}>
            Back to the question
          </Button>
        }
      />
      <Alert color="gray" mb="md">
        An old version is read-only: sessions that were given it keep showing and grading it as it was.
      </Alert>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <QuestionReadOnly question={version.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <HistoryCard questionId={id} />
        </Grid.Col>
      </Grid>
    </>
  )
}
