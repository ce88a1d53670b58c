// Proctoring for recruiters: tests in progress, the "needs review" queue and a session's integrity review.
export { IntegrityReviewPage } from './IntegrityReviewPage'
export { LiveMonitorPage } from './LiveMonitorPage'
export { ReviewQueuePage } from './ReviewQueuePage'
