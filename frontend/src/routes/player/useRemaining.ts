import { useEffect, useRef, useState } from 'react'
import { clock } from './playerApi'

/** The seconds left until `deadline` by the server's clock, ticking every second; `onZero` fires once. */
export function useRemaining(deadline: string, onZero?: () => void): number {
  const [left, setLeft] = useState(() => clock.remaining(deadline))
  const fired = useRef(false)
  useEffect(() => {
    const tick = () => {
      const s = clock.remaining(deadline)
      setLeft(s)
      if (s <= 0 && !fired.current) {
        fired.current = true
        onZero?.()
      }
    }
    tick()
    const id = setInterval(tick, 1000)
    return () => clearInterval(id)
  }, [deadline, onZero])
  return left
}
