import { Typography } from '@mantine/core'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'

/** Question bodies, rubrics and explanations are authored Markdown. Rendered without raw HTML (react-markdown
 * never interprets it unless a plugin asks) and with its URL filter, so authored content cannot run scripts or
 * link to `javascript:`. Links open in a new tab: a candidate in a test never navigates away by accident. */
export default function Markdown({ children }: { children: string }) {
  return (
    <Typography>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{
          a: ({ href, children: text }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {text}
            </a>
          ),
        }}
      >
        {children}
      </ReactMarkdown>
    </Typography>
  )
}
