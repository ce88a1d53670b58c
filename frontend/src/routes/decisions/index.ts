// Executives: the queue of final decisions and one candidate's decision.
export { FinalDecisionPage } from './FinalDecisionPage'
export { FinalDecisionsPage } from './FinalDecisionsPage'
