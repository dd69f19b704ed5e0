import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  integratedOpsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { coverageResponse } from '../../__testUtils__/fixtures';
import { OpsCoveragePage } from './OpsCoveragePage';

describe('OpsCoveragePage', () => {
  it('shows the overall figure, a chart per system and team, and the gaps linking to the entity', async () => {
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({ coverage: jest.fn(async () => coverageResponse()) }),
      ],
    ]);
    expect(
      await screen.findByText('98.3% of ownership checks pass'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Coverage per system' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('figure', { name: 'Coverage per owning team' }),
    ).toBeInTheDocument();

    const gapLink = screen.getByRole('link', { name: 'Legacy Batch Scorer' });
    expect(gapLink).toHaveAttribute(
      'href',
      '/catalog/default/component/legacy-batch-scorer',
    );
    const gapRow = gapLink.closest('tr')!;
    expect(
      within(gapRow).getByText('no SecOps owner declared or inherited'),
    ).toBeInTheDocument();
    expect(within(gapRow).getByText('7/10')).toBeInTheDocument();
  });

  it('exports the gaps as the backend’s CSV', async () => {
    const csv = new Blob(['entity,kind\n'], { type: 'text/csv' });
    const api = fakeOpsApi({
      coverage: jest.fn(async () => coverageResponse()),
      coverageCsv: jest.fn(async () => csv),
    });
    const createObjectURL = jest.fn(() => 'blob:gaps');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkLink(this: HTMLAnchorElement) {
        expect(this.download).toBe('ops-ownership-gaps.csv');
        expect(this.href).toBe('blob:gaps');
      });
    await renderWithApis(<OpsCoveragePage />, [[integratedOpsApiRef, api]]);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export gaps as CSV' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(createObjectURL).toHaveBeenCalledWith(csv);
    click.mockRestore();
  });

  it('says so when there are no gaps', async () => {
    const report = { ...coverageResponse(), gaps: [] };
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({ coverage: jest.fn(async () => report) }),
      ],
    ]);
    expect(
      await screen.findByText(/No gaps: every entity has all three owners/),
    ).toBeInTheDocument();
  });

  it('explains a 503 while the index is being built', async () => {
    await renderWithApis(<OpsCoveragePage />, [
      [
        integratedOpsApiRef,
        fakeOpsApi({
          coverage: jest.fn(() =>
            Promise.reject(Object.assign(new Error('x'), { statusCode: 503 })),
          ),
        }),
      ],
    ]);
    expect(
      await screen.findByText(/ownership index is still being built/),
    ).toBeInTheDocument();
  });
});
