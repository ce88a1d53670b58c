/**
 * The Mantine theme. Its colour variables are made readable (WCAG 2.1 AA, 4.5:1 for text) once, here, instead of
 * page by page: Mantine's default shades put white text on mid-tone fills, mid-tone text on pale "light"
 * backgrounds and a grey "dimmed" text that all fall below 4.5:1. Each colour keeps its hue and is darkened just
 * enough; the Playwright accessibility test (tests/a11y.spec.ts) checks every screen against it.
 */
import {
  createTheme,
  darken,
  DEFAULT_THEME,
  luminance,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core'

const WHITE = '#ffffff'
// Text sits on white, on the grey page background (gray.0) and on pale tints; this margin over 4.5:1 keeps it
// readable on all of them.
const TEXT_RATIO = 4.8
// Light variants (badges, light buttons, the active navigation link) are read on their own tint, hover included.
const TINT_RATIO = 4.6

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** `color`, darkened in small steps until it reaches `ratio` against `background`. */
export function readable(color: string, background: string, ratio: number): string {
  let c = color
  for (let step = 0; step < 40 && contrast(c, background) < ratio; step++) c = darken(c, 0.04)
  return c
}

export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
  components: {
    // Badges never truncate their (short) labels inside tight table cells.
    Badge: { styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } },
    TableTd: { styles: { td: { whiteSpace: 'nowrap' } } },
    // The close buttons of dialogs are icons: name them for screen readers. (Plain objects rather than
    // Modal.extend(): importing the components here would put them in every page's first download.)
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
})

function colorVariables(name: string, shades: MantineColorsTuple): Record<string, string> {
  const strong = readable(shades[6], WHITE, TEXT_RATIO)
  return {
    [`--mantine-color-${name}-filled`]: strong,
    [`--mantine-color-${name}-filled-hover`]: darken(strong, 0.1),
    [`--mantine-color-${name}-text`]: strong,
    [`--mantine-color-${name}-outline`]: strong,
    [`--mantine-color-${name}-light-color`]: readable(shades[9], shades[2], TINT_RATIO),
  }
}

export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const colors = { ...DEFAULT_THEME.colors, ...t.colors }
  const light: Record<string, string> = {}
  for (const [name, shades] of Object.entries(colors)) Object.assign(light, colorVariables(name, shades))
  const primary = colors[t.primaryColor]
  Object.assign(light, {
    // Secondary text stays lighter than body text, but readable on every pale background of the app.
    '--mantine-color-dimmed': readable(colors.gray[6], colors.gray[2], 4.5),
    '--mantine-color-error': readable(colors.red[6], WHITE, TEXT_RATIO),
    '--mantine-color-anchor': readable(primary[6], WHITE, TEXT_RATIO),
    '--mantine-color-success': readable(colors.teal[8], WHITE, TEXT_RATIO),
  })
  return { variables: {}, light, dark: {} }
}
