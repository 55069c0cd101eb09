import type { Paginated } from "./schemas"

/**
 * Follows Laravel paginator pages from page 1 until the last one or `maxPages`, whichever comes
 * first. Moota does not always fill every field of the envelope, so the end is read from whichever
 * is present.
 */
export async function walkPages<T>(
  fetchPage: (page: number) => Promise<Paginated<T>>,
  maxPages: number,
  onItems: (items: T[]) => void
): Promise<{ pages: number; complete: boolean }> {
  let page = 1
  for (let fetched = 1; ; fetched++, page++) {
    const answer = await fetchPage(page)
    onItems(answer.data)
    if (!hasNextPage(answer)) {
      return { pages: fetched, complete: true }
    }
    if (fetched >= maxPages) {
      return { pages: fetched, complete: false }
    }
  }
}

function hasNextPage(answer: Paginated<unknown>): boolean {
  if (answer.data.length === 0) {
    return false
  }
  if (answer.next_page_url !== undefined) {
    return answer.next_page_url !== null && answer.next_page_url !== ""
  }
  if (answer.last_page !== undefined) {
    return answer.current_page < answer.last_page
  }
  return answer.per_page !== undefined && answer.data.length >= answer.per_page
}
