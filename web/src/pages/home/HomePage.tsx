import { Navigate } from 'react-router';
import { useSignedInMe } from '../../api/me';
import { ClientHome } from './ClientHome';

/** Staff start on what waits for them (the inbox opens on "Needs my action"); clients at their company's home. */
export function HomePage() {
  const me = useSignedInMe();
  if (me.kind === 'staff') return <Navigate to={me.mustEnableTwoFactor ? '/account' : '/inbox'} replace />;
  return <ClientHome />;
}
