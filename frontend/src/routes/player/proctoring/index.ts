// Proctoring in the test player: mount <Proctoring> once inside the session shell.
export { IntegrityLog } from './IntegrityLog'
export { Proctoring, type ProctoringProps } from './Proctoring'
export { EventSender } from './sender'
export { useProctoring, type ProctoringSettings } from './useProctoring'
