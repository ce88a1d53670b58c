// The Step-1 area for staff: assessments, links, results, essay grading and Step-1 reviews. One chunk, with the
// charts and the code editor loaded lazily inside it (only the pages that show them download them).
export { AssessmentsPage } from './AssessmentsPage'
export { AssessmentEditorPage } from './AssessmentEditorPage'
export { AssessmentPreviewPage } from './AssessmentPreviewPage'
export { LinksPage } from './LinksPage'
export { Step1ReviewsPage } from './Step1ReviewsPage'
export { GradingQueuePage } from './GradingQueuePage'
export { ResultsPage } from './ResultsPage'
