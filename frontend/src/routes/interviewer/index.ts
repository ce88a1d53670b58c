// Panelists: their interviews (list and week) and each interview's kit with the scorecard.
export { InterviewKitPage } from './InterviewKitPage'
export { InterviewsPage } from './InterviewsPage'
