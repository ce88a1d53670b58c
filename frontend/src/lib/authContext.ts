import { createContext } from 'react'
import type { Schemas } from '../api/client'

export type Me = Schemas['MeRead']
export type Status = 'loading' | 'authenticated' | 'anonymous'

export interface AuthState {
  status: Status
  me: Me | null
  login: (email: string, password: string) => Promise<void>
  logout: () => Promise<void>
  can: (permission: string) => boolean
}

export const AuthContext = createContext<AuthState | null>(null)
