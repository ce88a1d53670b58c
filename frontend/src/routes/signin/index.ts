// Signing in: the first page most people open, so it loads on its own, as little as possible.
export { LoginPage } from './LoginPage'
