// The public area: what visitors and candidates without a session see (job board, applying, activation).
export { ActivatePage } from './ActivatePage'
export { JobBoardPage } from './JobBoardPage'
export { JobPage } from './JobPage'
export { ConfirmApplicationPage } from './ConfirmApplicationPage'
