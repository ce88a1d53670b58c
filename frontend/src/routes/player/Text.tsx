import { Text } from '@mantine/core'
import { lazy, Suspense } from 'react'

const Markdown = lazy(() => import('../../components/content/Markdown'))

/** A question's or the instructions' Markdown. The renderer loads after the sign-in (it is not needed to sign in);
 * until then the plain text shows, so nothing jumps or waits. */
export function RichText({ children }: { children: string }) {
  return (
    <Suspense fallback={<Text style={{ whiteSpace: 'pre-wrap' }}>{children}</Text>}>
      <Markdown>{children}</Markdown>
    </Suspense>
  )
}
