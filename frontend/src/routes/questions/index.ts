// Question banks: banks, the questions in them (search, editor, Verify, versions), import / export and backups,
// and the queue of suggestions and issue reports. CodeMirror loads only with a coding question (lazily).
export { BanksPage } from './BanksPage'
export { FeedbackPage } from './FeedbackPage'
export { ImportExportPage } from './ImportExportPage'
export { QuestionEditorPage } from './QuestionEditorPage'
export { QuestionsPage } from './QuestionsPage'
export { VersionPage } from './VersionPage'
