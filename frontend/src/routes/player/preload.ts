/** Start downloading the test's screens (while signing in): the chunk is cached when /test opens. */
export const preloadPlayer = () => void import('./PlayerApp')
