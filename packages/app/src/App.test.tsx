import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts signed out on the portal sign-in page, with guest and sample-user sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Integrated Ops Portal' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The stock page with the guest provider only...
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    // ...and, below it, sign-in as a sample-org user (development).
    expect(screen.getByText('Sample user (development)')).toBeInTheDocument();
    expect(screen.getByLabelText('User name')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as sample user' }),
    ).toBeInTheDocument();
  });
});
