import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { oidcAuthApiRef } from './oidcAuthApi';
import Box from '@material-ui/core/Box';
import { SampleUserSignIn } from './SampleUserSignIn';

const REMEMBERED = 'integrated-ops.sampleUser';

/**
 * In production (auth.environment: production): the company's OpenID Connect
 * provider only. Otherwise guest sign-in, plus sign-in as a sample-org user
 * for trying approvals.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  if (config.getOptionalString('auth.environment') === 'production') {
    return (
      <SignInPage
        {...props}
        auto
        providers={[
          {
            id: 'oidc-auth-provider',
            title: 'Company SSO',
            message: 'Sign in with your company account',
            apiRef: oidcAuthApiRef,
          },
        ]}
      />
    );
  }
  if (window.localStorage.getItem(REMEMBERED)) {
    return <SampleUserSignIn {...props} />;
  }
  return (
    <>
      <SignInPage {...props} providers={['guest']} />
      {/* Below the stock page (development only; scroll to it). */}
      <Box maxWidth={560} px={3} pb={4}>
        <SampleUserSignIn {...props} />
      </Box>
    </>
  );
}
