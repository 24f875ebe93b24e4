import { HubApiError } from '@huggingface/hub';
import { z } from 'zod';
import { OPEN_PR_REVISION } from '../../registry/schema.js';
import type { HubClient } from './client.js';

/** How many open pull requests `refs/pr/*` tries, newest first. */
export const MAX_PULL_REQUESTS = 10;
/** Pages of the discussions listing read at most (busy repos list many closed discussions too). */
const MAX_PAGES = 20;

export const isOpenPrWildcard = (revision: string) => revision === OPEN_PR_REVISION;

const PageSchema = z.object({
  discussions: z.array(
    z.object({
      num: z.number().int().positive(),
      status: z.string(),
      isPullRequest: z.boolean(),
    }),
  ),
  count: z.number().int().nonnegative(),
  start: z.number().int().nonnegative(),
  numItemsPerPage: z.number().int().positive(),
});

/** Thrown when the listing is not what the Hub sends; the caller names the dataset. */
export class BadPullRequestListing extends Error {}

/**
 * The refs of a dataset repo's open pull requests, newest first, at most MAX_PULL_REQUESTS
 * (`GET {endpoint}/api/datasets/{repo}/discussions?type=pull_request&status=open&p={page}`). The filter is
 * applied again here: a mirror that ignores it must not hand us a closed one.
 */
export async function openPullRequestRefs(client: HubClient, repo: string): Promise<string[]> {
  const nums = new Set<number>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${client.settings.endpoint}/api/datasets/${repo}/discussions?type=pull_request&status=open&p=${page}`;
    const body = await client.retry(async () => {
      const res = await client.fetch(url, {
        headers: client.settings.token ? { authorization: `Bearer ${client.settings.token}` } : {},
      });
      if (!res.ok) {
        await res.body?.cancel();
        throw new HubApiError(
          url,
          res.status,
          res.headers.get('x-request-id') ?? undefined,
          `HTTP ${res.status}`,
        );
      }
      return res.json() as Promise<unknown>;
    });
    const parsed = PageSchema.safeParse(body);
    if (!parsed.success)
      throw new BadPullRequestListing(
        `the pull request listing of ${repo} (page ${page}) is not the Hub's format (${parsed.error.issues[0]?.path.join('.') || 'body'})`,
      );
    const { discussions, count, start, numItemsPerPage } = parsed.data;
    for (const d of discussions) if (d.isPullRequest && d.status === 'open') nums.add(d.num);
    if (discussions.length === 0 || start + numItemsPerPage >= count) break;
  }
  return [...nums]
    .sort((a, b) => b - a)
    .slice(0, MAX_PULL_REQUESTS)
    .map((n) => `refs/pr/${n}`);
}

/** The `refs/pr/N` a rebuild pinned for this repo (`--from-manifest`), highest first: tried without a listing. */
export function pinnedPullRequests(commits: ReadonlyMap<string, string>, repo: string): string[] {
  const prefix = `${repo}@refs/pr/`;
  return [...commits.keys()]
    .filter((k) => k.startsWith(prefix) && /^\d+$/.test(k.slice(prefix.length)))
    .map((k) => Number(k.slice(prefix.length)))
    .sort((a, b) => b - a)
    .map((n) => `refs/pr/${n}`);
}
