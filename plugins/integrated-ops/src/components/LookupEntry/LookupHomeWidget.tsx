import { useNavigate } from 'react-router-dom';
import { LookupForm } from '../shared/LookupForm';
import { useLookupHref } from './useLookupHref';

/**
 * On the home page (the start page after sign-in): one box straight to the
 * incident lookup's answer, focused, so whoever lands there types at once.
 */
export function LookupHomeWidget() {
  const navigate = useNavigate();
  const lookupHref = useLookupHref();
  return (
    <LookupForm
      autoFocusInput
      ariaLabel="Incident lookup"
      label="Who owns it? Name, hostname, URL or IP"
      placeholder="e.g. 10.20.3.14"
      onLookUp={q => navigate(lookupHref(q))}
    />
  );
}
