// Every screen and who may open it. Staff-only screens are split out so a client's phone never downloads them.
import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { useSetupStatus } from './api/auth';
import { useMe } from './api/me';
import type { Me } from '@bureau/common';
import { AppLayout } from './components/AppLayout';
import { AuthLayout } from './components/AuthLayout';
import { Loading, LoadError } from './components/Feedback';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
import { SetPasswordPage } from './pages/auth/SetPasswordPage';
import { SignInLinkPage } from './pages/auth/SignInLinkPage';
import { SignInPage } from './pages/auth/SignInPage';
import { HomePage } from './pages/home/HomePage';
import { InvitationLinkPage } from './pages/invitations/InvitationLinkPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SetupPage } from './pages/setup/SetupPage';

const CompanyListPage = lazy(() => import('./pages/companies/CompanyListPage'));
const CompanyPage = lazy(() => import('./pages/companies/CompanyPage'));
const DeletedCompaniesPage = lazy(() => import('./pages/companies/DeletedCompaniesPage'));
const StaffPage = lazy(() => import('./pages/staff/StaffPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const OutboxPage = lazy(() => import('./pages/outbox/OutboxPage'));
const OfficeSettingsPage = lazy(() => import('./pages/settings/OfficeSettingsPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const NotificationsPage = lazy(() => import('./pages/account/NotificationsPage'));
const InboxPage = lazy(() => import('./pages/conversations/InboxPage'));
const ClientCompanyPage = lazy(() => import('./pages/company/ClientCompanyPage'));
const ConversationsPage = lazy(() => import('./pages/conversations/ConversationsPage'));
const ConversationPage = lazy(() => import('./pages/conversations/ConversationPage'));
const NewConversationPage = lazy(() => import('./pages/conversations/NewConversationPage'));
const SearchPage = lazy(() => import('./pages/search/SearchPage'));
const ChannelSettingsPage = lazy(() => import('./pages/settings/ChannelSettingsPage'));
const BroadcastListPage = lazy(() => import('./pages/broadcasts/BroadcastListPage'));
const NewBroadcastPage = lazy(() => import('./pages/broadcasts/NewBroadcastPage'));
const BroadcastPage = lazy(() => import('./pages/broadcasts/BroadcastPage'));
const MyInvitationsPage = lazy(() => import('./pages/invitations/MyInvitationsPage'));
const ColleaguesPage = lazy(() => import('./pages/invitations/ColleaguesPage'));
const ImportPage = lazy(() => import('./pages/onboarding/ImportPage'));
const PortfolioPage = lazy(() => import('./pages/onboarding/PortfolioPage'));

/** Sends everyone to /setup until the office exists, and away from it afterwards. */
function SetupGate() {
  const { data, error, isPending, refetch } = useSetupStatus();
  const { pathname } = useLocation();
  if (isPending) return <Loading />;
  if (error)
    return (
      <AuthLayout>
        <LoadError error={error} onRetry={() => void refetch()} />
      </AuthLayout>
    );
  if (data.needed && pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (!data.needed && pathname === '/setup') return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Pages for people who are not signed in; a signed-in visitor goes home. */
function PublicOnly() {
  const { data: me, isPending } = useMe();
  if (isPending) return <Loading />;
  if (me) return <Navigate to="/" replace />;
  return (
    <AuthLayout>
      <Outlet />
    </AuthLayout>
  );
}

/** Pages reached from an e-mailed link: they work whoever is signed in. */
function LinkPages() {
  return (
    <AuthLayout>
      <Outlet />
    </AuthLayout>
  );
}

function RequireAuth() {
  const { data: me, error, isPending, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (error)
    return (
      <AuthLayout>
        <LoadError error={error} onRetry={() => void refetch()} />
      </AuthLayout>
    );
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (me.kind === 'staff' && me.mustEnableTwoFactor && location.pathname !== '/account') {
    return <Navigate to="/account" replace />;
  }
  return (
    <AppLayout>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </AppLayout>
  );
}

function StaffOnly() {
  const { data: me } = useMe();
  return me?.kind === 'staff' ? <Outlet /> : <Navigate to="/" replace />;
}

/** Pages for what the server says the person may do (`me.can`); anyone else is told the page does not exist. */
function Allowed({ to }: { to: keyof Me['can'] }) {
  const { data: me } = useMe();
  return me?.can[to] ? <Outlet /> : <NotFoundPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<SetupGate />}>
        <Route
          path="/setup"
          element={
            <AuthLayout wide>
              <SetupPage />
            </AuthLayout>
          }
        />
        <Route element={<PublicOnly />}>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        </Route>
        <Route element={<LinkPages />}>
          <Route path="/set-password/:token" element={<SetPasswordPage purpose="set_password" />} />
          <Route path="/reset-password/:token" element={<SetPasswordPage purpose="reset_password" />} />
          <Route path="/sign-in/link/:token" element={<SignInLinkPage />} />
          <Route path="/invite/:token" element={<InvitationLinkPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/account/notifications" element={<NotificationsPage />} />
          <Route path="/company" element={<ClientCompanyPage />} />
          <Route path="/conversations" element={<ConversationsPage />} />
          <Route path="/conversations/new" element={<NewConversationPage />} />
          <Route path="/conversations/:id" element={<ConversationPage />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/invitations" element={<MyInvitationsPage />} />
          <Route path="/colleagues" element={<ColleaguesPage />} />
          <Route element={<StaffOnly />}>
            <Route path="/inbox/:id?" element={<InboxPage />} />
            <Route path="/companies" element={<CompanyListPage />} />
            <Route path="/companies/:id" element={<CompanyPage />} />
            <Route path="/portfolio" element={<PortfolioPage />} />
            <Route path="/staff" element={<StaffPage />} />
            <Route path="/broadcasts" element={<BroadcastListPage />} />
            <Route path="/broadcasts/new" element={<NewBroadcastPage />} />
            <Route path="/broadcasts/:id" element={<BroadcastPage />} />
            <Route element={<Allowed to="restoreCompanies" />}>
              <Route path="/companies/deleted" element={<DeletedCompaniesPage />} />
            </Route>
            <Route element={<Allowed to="importCompanies" />}>
              <Route path="/companies/import" element={<ImportPage />} />
            </Route>
            <Route element={<Allowed to="readAudit" />}>
              <Route path="/audit" element={<AuditPage />} />
            </Route>
            <Route element={<Allowed to="readOutbox" />}>
              <Route path="/outbox" element={<OutboxPage />} />
              <Route path="/outbox/:id" element={<OutboxPage />} />
            </Route>
            <Route element={<Allowed to="manageOffice" />}>
              <Route path="/settings/office" element={<OfficeSettingsPage />} />
            </Route>
            <Route element={<Allowed to="manageChannels" />}>
              <Route path="/settings/channels" element={<ChannelSettingsPage />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
