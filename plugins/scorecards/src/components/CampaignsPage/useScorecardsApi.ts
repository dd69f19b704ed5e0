import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ScorecardsApi, scorecardsApiRef } from '../../api';

/** Loads from the scorecards backend, again when `deps` change or on retry. */
export function useScorecardsApi<T>(
  load: (api: ScorecardsApi) => Promise<T>,
  deps: unknown[],
) {
  const api = useApi(scorecardsApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => load(api), [api, ...deps]);
}
