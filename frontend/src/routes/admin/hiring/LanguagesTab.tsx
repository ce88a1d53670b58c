import { Badge, Code, Stack, Switch, Table, Text } from '@mantine/core'
import { QueryView } from '../../../components/QueryView'
import { EmptyState } from '../../../components/states'
import { notifyError, notifySuccess } from '../../../lib/notify'
import { useLanguages, useSetLanguageEnabled, type Language } from '../../../queries/languages'

/** Admin → Hiring settings → Languages: which programming languages the organization's coding questions and
 * candidates may use. The commands are shown as the sandbox runs them; the platform decides what is installed. */
export function LanguagesTab() {
  const languages = useLanguages()
  const setEnabled = useSetLanguageEnabled()
  const items = languages.data?.items ?? []

  const toggle = async (language: Language, enabled: boolean) => {
    try {
      await setEnabled.mutateAsync({ key: language.key, enabled })
      notifySuccess(`${language.name} ${enabled ? 'enabled' : 'disabled'}.`)
    } catch (err) {
      notifyError(err, `Could not change ${language.name}`)
    }
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Languages candidates can write code in. A disabled language is not offered for new coding questions or
        tests; runs in it are refused.
      </Text>
      <QueryView
        query={languages}
        isEmpty={items.length === 0}
        empty={
          <EmptyState title="No languages">The platform has no programming language installed.</EmptyState>
        }
      >
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" aria-label="Programming languages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Language</Table.Th>
                <Table.Th>Compile</Table.Th>
                <Table.Th>Run</Table.Th>
                <Table.Th>Enabled</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((language) => (
                <Table.Tr key={language.key}>
                  <Table.Td>
                    <Text fw={500}>{language.name}</Text>
                    <Text size="xs" c="dimmed">
                      {language.version} · {language.source_file}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {language.compile_command ? <Code>{language.compile_command}</Code> : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Code>{language.run_command}</Code>
                  </Table.Td>
                  <Table.Td>
                    {language.available ? (
                      <Switch
                        aria-label={`Use ${language.name}`}
                        checked={language.enabled}
                        disabled={setEnabled.isPending}
                        onChange={(e) => void toggle(language, e.currentTarget.checked)}
                      />
                    ) : (
                      <Badge color="gray" variant="light">
                        Not installed
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryView>
    </Stack>
  )
}
