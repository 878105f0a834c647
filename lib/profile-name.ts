import { UsageError } from './errors.ts'

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/

/** Profile and agent names end up in ids and file paths: refuse anything that could escape them. */
export function assertProfileName(name: string | undefined, what = 'profile name'): string {
  if (name === undefined || name === '') throw new UsageError(`missing ${what}; e.g. npm run add-profile -- alice`)
  if (!PROFILE_NAME.test(name) || name === '.' || name.includes('..')) {
    throw new UsageError(
      `bad ${what} ${JSON.stringify(name)}: use 1-64 letters, digits or . _ @ + - (starting with a letter or digit, no "..")`,
    )
  }
  return name
}
