/**
 * The webcam, from the consent on the rules screen to the end of the test. The candidate allows the camera
 * before starting (the test cannot start without it when the assessment requires it); the stream is kept here so
 * the running test takes its snapshots from the same camera without asking again. A reload loses it: the test
 * then asks to turn the camera back on.
 */

let held: MediaStream | null = null

export type CameraProblem = 'denied' | 'missing' | 'busy' | 'unsupported'

export class CameraError extends Error {
  readonly problem: CameraProblem
  constructor(problem: CameraProblem) {
    super(problem)
    this.problem = problem
  }
}

function problemOf(e: unknown): CameraProblem {
  const name = e instanceof DOMException || e instanceof Error ? e.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing'
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy'
  return 'denied'
}

/** Ask the browser for the camera (it asks the candidate the first time); throws a `CameraError`. */
export async function openCamera(): Promise<MediaStream> {
  if (held && live(held)) return held
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported')
  try {
    held = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false })
    return held
  } catch (e) {
    throw new CameraError(problemOf(e))
  }
}

const live = (s: MediaStream) => s.getVideoTracks().some((t) => t.readyState === 'live')

/** The camera the candidate allowed, while it still runs. */
export function heldCamera(): MediaStream | null {
  if (held && !live(held)) held = null
  return held
}

export function releaseCamera(): void {
  held?.getTracks().forEach((t) => t.stop())
  held = null
}

/** One frame of `video` as a JPEG, or null while the camera has not delivered a picture yet. */
export function captureFrame(video: HTMLVideoElement, quality = 0.75): Promise<Blob | null> {
  if (!video.videoWidth || !video.videoHeight) return Promise.resolve(null)
  const canvas = document.createElement('canvas')
  canvas.width = Math.min(640, video.videoWidth)
  canvas.height = Math.round((canvas.width / video.videoWidth) * video.videoHeight)
  const ctx = canvas.getContext('2d')
  if (!ctx) return Promise.resolve(null)
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height)
  return new Promise((resolve) =>
    canvas.toBlob((b) => resolve(b && b.size > 0 ? b : null), 'image/jpeg', quality),
  )
}
