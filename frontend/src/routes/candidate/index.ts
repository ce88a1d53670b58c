// The candidate portal: the signed-in candidate's applications and interviews (on their dashboard).
export { CandidatePortal } from './MyApplications'
