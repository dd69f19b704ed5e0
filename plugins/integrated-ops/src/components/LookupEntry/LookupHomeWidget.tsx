import { useNavigate } from 'react-router-dom';
import { LookupForm } from '../shared/LookupForm';
import { useLookupHref } from './useLookupHref';

/** On the home page: one box straight to the incident lookup's answer. */
export function LookupHomeWidget() {
  const navigate = useNavigate();
  const lookupHref = useLookupHref();
  return (
    <LookupForm
      ariaLabel="Incident lookup"
      label="Who owns it? Name, hostname, URL or IP"
      placeholder="e.g. 10.20.3.14"
      onLookUp={q => navigate(lookupHref(q))}
    />
  );
}
