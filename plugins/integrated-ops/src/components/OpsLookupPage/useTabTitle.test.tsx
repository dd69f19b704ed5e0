import { render, waitFor } from '@testing-library/react';
import { useTabTitle } from './useTabTitle';

function Page(props: { q: string }) {
  useTabTitle(props.q);
  return null;
}

describe('useTabTitle', () => {
  beforeEach(() => {
    document.head.innerHTML = '<title>Integrated Ops Portal</title>';
  });

  it('says what was looked up, and gives the title back when the page closes', () => {
    const page = render(<Page q="10.20.3.14" />);
    expect(document.title).toBe('10.20.3.14 - Incident lookup');
    page.rerender(<Page q="" />);
    expect(document.title).toBe('Incident lookup');
    page.unmount();
    expect(document.title).toBe('Integrated Ops Portal');
  });

  it('keeps its title when the unread counter restores an older one, and lets it add the count', async () => {
    const page = render(<Page q="10.20.3.14" />);
    // What the notifications' title counter does when a count arrives while
    // it still remembers the title from before the page set its own.
    document.title = '(1) Integrated Ops Portal';
    await waitFor(() =>
      expect(document.title).toBe('10.20.3.14 - Incident lookup'),
    );
    document.title = '(1) 10.20.3.14 - Incident lookup';
    await new Promise(r => setTimeout(r, 20));
    expect(document.title).toBe('(1) 10.20.3.14 - Incident lookup');
    page.unmount();
  });
});
