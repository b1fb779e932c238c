import { Navigate } from 'react-router';
import { useSignedInMe } from '../../api/me';
import { ClientHome } from './ClientHome';

/** Staff start at the company list; clients at their company's home. */
export function HomePage() {
  const me = useSignedInMe();
  if (me.kind === 'staff') return <Navigate to={me.mustEnableTwoFactor ? '/account' : '/companies'} replace />;
  return <ClientHome />;
}
