import { SignInPage } from '@backstage/core-components';
import { SignInPageProps } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import { SampleUserSignIn } from './SampleUserSignIn';

const REMEMBERED = 'integrated-ops.sampleUser';

/** Guest sign-in, plus sign-in as a sample-org user for trying approvals. */
export function PortalSignInPage(props: SignInPageProps) {
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
