// A search page's criteria kept in the address (?code=…&page=2), so back/forward and a copied link show
// the same results: what was searched, which page, the form being edited, and the moves between them.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';

/** `fields` is a module constant: the criteria the page's search route takes. */
export function useSearchQuery<F extends string>(fields: readonly F[]) {
  const [params, setParams] = useSearchParams();
  // One object per URL (useSearchParams keeps `params` while the URL stays): the search reloads on a new one.
  const query = useMemo(
    () =>
      Object.fromEntries(fields.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : []))) as Partial<
        Record<F, string>
      >,
    [fields, params],
  );
  const page = Number(params.get('page') ?? '1') || 1;
  const [form, setForm] = useState(query);
  return {
    query,
    page,
    form,
    update: (change: Partial<Record<F, string>>) => setForm((f) => ({ ...f, ...change })),
    /** Searches for what the form holds (trimmed, empty criteria left out), from the first page. */
    search: () =>
      setParams(
        Object.fromEntries(
          Object.entries<string | undefined>(form)
            .filter(([, v]) => v && v.trim())
            .map(([k, v]) => [k, v!.trim()]),
        ),
      ),
    goToPage: (n: number) => setParams({ ...query, page: String(n) }),
  };
}
