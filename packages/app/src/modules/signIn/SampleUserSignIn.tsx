import { InfoCard, ProxiedSignInPage } from '@backstage/core-components';
import { IdentityApi, SignInPageProps } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

const STORAGE_KEY = 'integrated-ops.sampleUser';

/** Forgets the chosen sample user when they sign out. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * Development sign-in as a user of the sample org, by name, through the
 * backend's `sampleUser` proxy provider (refused outside development). The
 * choice is remembered until sign-out, so a reload stays signed in.
 */
export function SampleUserSignIn(props: SignInPageProps) {
  const [user, setUser] = useState<string | null>(() =>
    window.localStorage.getItem(STORAGE_KEY),
  );
  const [name, setName] = useState('');

  if (user) {
    return (
      <ProxiedSignInPage
        {...props}
        provider="sampleUser"
        headers={{ 'x-sample-user': user }}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgettingOnSignOut(identity))
        }
      />
    );
  }
  return (
    <InfoCard title="Sample user (development)">
      <Typography variant="body2" paragraph>
        Sign in as someone from the sample org to act in their teams, e.g.
        omar.haddad (NetOps DC Fabric) or noah.kim (SOC Tier 1).
      </Typography>
      <form
        onSubmit={e => {
          e.preventDefault();
          const chosen = name.trim().toLowerCase();
          if (!chosen) return;
          window.localStorage.setItem(STORAGE_KEY, chosen);
          setUser(chosen);
        }}
      >
        <TextField
          id="sample-user-name"
          label="User name"
          value={name}
          onChange={e => setName(e.target.value)}
          size="small"
        />{' '}
        <Button type="submit" variant="outlined" color="primary">
          Sign in as sample user
        </Button>
      </form>
    </InfoCard>
  );
}
