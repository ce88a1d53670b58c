// The test player: candidates take their assessment here, signed in with the invitation's link or access code
// (no account). An area of its own: it loads none of the staff screens, and CodeMirror only on a coding question.
export { CodeSignInPage, LinkSignInPage } from './SignInPages'
export { PlayerPage } from './PlayerPage'
// For extensions of the running test (proctoring): mount a component inside <PlayerSession> and read the session.
export { usePlayerSession, type PlayerSessionValue } from './sessionContext'
