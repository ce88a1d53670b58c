// Recruiters and hiring managers: requisitions, their pipeline boards, the talent pool.
export { BoardPage } from './BoardPage'
export { CandidatePage } from './CandidatePage'
export { CandidatesPage } from './CandidatesPage'
export { RequisitionFormPage } from './RequisitionFormPage'
export { RequisitionsPage } from './RequisitionsPage'
