/**
 * What the test player notices while a test runs, recorded as events (see sender.ts): focus lost (with the time
 * away), full screen left, copy / cut / paste with their length (never the text; pastes into the code editor
 * apart), right-clicks, developer tools (a guess from the window's size, labelled as such), a second screen
 * (`screen.isExtended` where the browser has it), reloads and resumes, network drops, and webcam snapshots at an
 * interval when the assessment requires the webcam (from the camera the candidate allowed before the start, see
 * camera.ts; the first about 1.5 s after the test opens).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { captureFrame, heldCamera, openCamera, releaseCamera } from './camera'
import { EventSender } from './sender'

export interface ProctoringSettings {
  fullscreen_required: boolean
  webcam_required: boolean
}

export type CameraState = 'not_needed' | 'needs_consent' | 'starting' | 'on' | 'refused'

export interface Options {
  sessionId: string
  token: () => string | null
  settings: ProctoringSettings
  /** False once the test is closed: nothing is recorded any more. */
  active: boolean
  snapshotSeconds?: number
  flushSeconds?: number
}

// Docked developer tools shrink the page inside the window by more than any browser chrome does.
const DEVTOOLS_GAP = 160
const CODE_EDITOR = '.cm-editor'

export function useProctoring({
  sessionId,
  token,
  settings,
  active,
  snapshotSeconds = 60,
  flushSeconds = 5,
}: Options) {
  const sender = useMemo(
    () => new EventSender(sessionId, token, flushSeconds * 1000),
    // The token getter may be a new function each render; the sender reads it on every send.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sessionId, flushSeconds],
  )
  // Not in full screen yet when the test opens: the prompt asks for it (entering needs a click).
  const [fullscreenLost, setFullscreenLost] = useState(
    () => settings.fullscreen_required && typeof document !== 'undefined' && !document.fullscreenElement,
  )
  // The camera allowed on the rules screen runs on into the test; after a reload it must be turned on again.
  const [allowed] = useState(() => (settings.webcam_required ? heldCamera() : null))
  const stream = useRef<MediaStream | null>(allowed)
  const [camera, setCamera] = useState<CameraState>(
    !settings.webcam_required ? 'not_needed' : allowed ? 'on' : 'needs_consent',
  )

  // Sending, and the page's own arrival (reload or resume).
  useEffect(() => {
    if (!active) return
    sender.start()
    const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined
    if (nav?.type === 'reload') sender.record({ type: 'page_reload' })
    else if (sender.previousSeq > 0) sender.record({ type: 'resumed' })
    const flushOnHide = () => void sender.flush()
    window.addEventListener('pagehide', flushOnHide)
    return () => {
      window.removeEventListener('pagehide', flushOnHide)
      sender.stop()
      void sender.flush()
    }
  }, [active, sender])

  // Focus, clipboard, right-click, network.
  useEffect(() => {
    if (!active) return
    let awaySince: number | null = null
    let offlineSince: number | null = null
    const away = () => {
      if (awaySince === null) awaySince = Date.now()
    }
    const back = () => {
      if (awaySince === null) return
      sender.record({ type: 'focus_lost', duration_ms: Date.now() - awaySince })
      awaySince = null
    }
    const visibility = () => (document.visibilityState === 'hidden' ? away() : back())
    const selectionLength = () => window.getSelection()?.toString().length ?? 0
    const copy = () => sender.record({ type: 'copy', length: selectionLength() })
    const cut = () => sender.record({ type: 'cut', length: selectionLength() })
    const paste = (e: ClipboardEvent) => {
      const length = e.clipboardData?.getData('text/plain').length ?? 0
      const inCode = e.target instanceof Element && e.target.closest(CODE_EDITOR) !== null
      sender.record({ type: inCode ? 'code_paste' : 'paste', length })
    }
    const contextMenu = () => sender.record({ type: 'right_click' })
    const offline = () => {
      offlineSince = Date.now()
    }
    const online = () => {
      if (offlineSince !== null)
        sender.record({ type: 'network_offline', duration_ms: Date.now() - offlineSince })
      offlineSince = null
      void sender.flush()
    }
    window.addEventListener('blur', away)
    window.addEventListener('focus', back)
    document.addEventListener('visibilitychange', visibility)
    document.addEventListener('copy', copy)
    document.addEventListener('cut', cut)
    document.addEventListener('paste', paste, true)
    document.addEventListener('contextmenu', contextMenu)
    window.addEventListener('offline', offline)
    window.addEventListener('online', online)
    return () => {
      window.removeEventListener('blur', away)
      window.removeEventListener('focus', back)
      document.removeEventListener('visibilitychange', visibility)
      document.removeEventListener('copy', copy)
      document.removeEventListener('cut', cut)
      document.removeEventListener('paste', paste, true)
      document.removeEventListener('contextmenu', contextMenu)
      window.removeEventListener('offline', offline)
      window.removeEventListener('online', online)
    }
  }, [active, sender])

  // Developer tools (a heuristic) and a second screen.
  useEffect(() => {
    if (!active) return
    let devtools = false
    let extended = false
    const check = () => {
      const open =
        window.outerWidth - window.innerWidth > DEVTOOLS_GAP ||
        window.outerHeight - window.innerHeight > DEVTOOLS_GAP
      if (open && !devtools)
        sender.record({
          type: 'devtools_suspected',
          detail: 'heuristic: the page is much smaller than its window',
        })
      devtools = open
      const isExtended = (screen as Screen & { isExtended?: boolean }).isExtended === true
      if (isExtended && !extended) sender.record({ type: 'second_screen', detail: 'screen.isExtended' })
      extended = isExtended
    }
    check()
    const t = setInterval(check, 2000)
    return () => clearInterval(t)
  }, [active, sender])

  // Full screen, when required.
  useEffect(() => {
    if (!active || !settings.fullscreen_required) return
    const change = () => {
      if (document.fullscreenElement) {
        setFullscreenLost(false)
      } else {
        sender.record({ type: 'fullscreen_exit' })
        setFullscreenLost(true)
      }
    }
    document.addEventListener('fullscreenchange', change)
    return () => document.removeEventListener('fullscreenchange', change)
  }, [active, settings.fullscreen_required, sender])

  const returnToFullscreen = useCallback(async () => {
    try {
      await document.documentElement.requestFullscreen()
      setFullscreenLost(false)
    } catch {
      // the browser refused (no user gesture, or not allowed): the prompt stays
    }
  }, [])

  const startCamera = useCallback(async () => {
    setCamera('starting')
    try {
      stream.current = await openCamera()
      setCamera('on')
    } catch {
      sender.record({ type: 'camera_unavailable', detail: 'the camera was refused or is missing' })
      setCamera('refused')
    }
  }, [sender])

  // A camera that stops during the test (unplugged, turned off, permission withdrawn) is recorded and asked for.
  useEffect(() => {
    const media = stream.current
    if (!active || camera !== 'on' || !media) return
    const ended = () => {
      sender.record({ type: 'camera_unavailable', detail: 'the camera stopped' })
      setCamera('refused')
    }
    const tracks = media.getVideoTracks()
    tracks.forEach((track) => track.addEventListener('ended', ended))
    return () => tracks.forEach((track) => track.removeEventListener('ended', ended))
  }, [active, camera, sender])

  // Snapshots at an interval while the camera is on.
  useEffect(() => {
    if (!active || camera !== 'on' || !stream.current) return
    const video = document.createElement('video')
    video.muted = true
    video.playsInline = true
    video.srcObject = stream.current
    void video.play().catch(() => undefined)
    const take = () =>
      void captureFrame(video).then((blob) => {
        if (blob) void sender.snapshot(blob)
      })
    const first = setTimeout(take, 1500)
    const t = setInterval(take, snapshotSeconds * 1000)
    return () => {
      clearTimeout(first)
      clearInterval(t)
      video.srcObject = null
    }
  }, [active, camera, snapshotSeconds, sender])

  // The camera is released when the test ends or the page goes.
  useEffect(() => {
    if (active) return
    releaseCamera()
    stream.current = null
  }, [active])
  useEffect(() => () => releaseCamera(), [])

  return { camera, startCamera, fullscreenLost, returnToFullscreen, sender }
}
